#!/usr/bin/env node
// Entry for `npx irqlens`: the bundled CLI lives in dist/ (built by `npm run build`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(cli)) {
  process.stderr.write(`irqlens: ${cli} is missing; run \`npm run build\` first\n`);
  process.exit(2);
}
require(cli).runProcess();
