// Entry of dist/server.js (what the VS Code extension starts with --node-ipc); only an entry:
// nothing imports this file, so its top-level start never runs inside another bundle.
import { startLanguageServer } from './start';
import { parseTransport, TransportError } from './transport';
import { tuneTierUpForScans } from '../workspace/tier-up';

tuneTierUpForScans();
try {
  startLanguageServer(parseTransport(process.argv.slice(2)));
} catch (err) {
  if (!(err instanceof TransportError)) throw err;
  process.stderr.write(`irqlens server: ${err.message}\n`);
  process.exitCode = 2;
}
