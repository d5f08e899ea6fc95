// Prints measurements side by side, with ratios against a reference row (rg).

/** @typedef {{ name: string, wall: number, cpu: number, rssMB: number, result: string, note?: string }} Row */

function fmt(n, digits = 2) {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}

/** @param {Row[]} rows @param {string} reference name of the row the ratios divide by */
export function printTable(rows, reference) {
  const ref = rows.find((r) => r.name === reference);
  const header = ['measured', 'wall s', 'cpu s', 'peak RSS MB', `wall / ${reference}`, 'result'];
  const lines = rows.map((r) => [r.name, fmt(r.wall), fmt(r.cpu), fmt(r.rssMB, 0), ref ? `${fmt(r.wall / ref.wall)}x` : '-', r.result]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells) => cells.map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(row(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(row(l));
  for (const r of rows) if (r.note) console.log(`  ${r.name}: ${r.note}`);
}
