// Fuzz face 4: the language server's input. In-process, the framer that stands before
// vscode-jsonrpc gets streams of good frames mixed with junk and frames whose Content-Length is
// wrong, cut at random points: every good frame comes out intact and in order, and the output is
// always honestly framed. Then a live `irqlens lsp --stdio` gets malformed framing and requests
// and notifications with parameters of any shape: every request is answered (no hang), never
// with an internal error or a logged stack trace (no crash), and the server stays up.
import { test } from 'node:test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { ResyncingFramer } from '../../src/server/framing';
import { LspClient, repoRoot } from '../server/lsp-client';
import { params, secondsFor, seed, Tally } from './budget';

type Part = { kind: 'good'; body: string } | { kind: 'junk'; bytes: string } | { kind: 'wrong'; body: string; delta: number };

const header = (n: number) => `Content-Length: ${n}\r\n\r\n`;
const noHeader = (s: string) => !/content-length/i.test(s);

const part: fc.Arbitrary<Part> = fc.oneof(
  fc.json({ maxDepth: 3 }).map((body): Part => ({ kind: 'good', body })),
  fc
    .string({ unit: 'binary', maxLength: 60 })
    .filter(noHeader)
    .map((bytes): Part => ({ kind: 'junk', bytes })),
  fc
    .tuple(fc.json({ maxDepth: 2 }), fc.integer({ min: -40, max: 400 }))
    .filter(([, d]) => d !== 0)
    .map(([body, delta]): Part => ({ kind: 'wrong', body, delta })),
);

function encode(p: Part): Buffer {
  if (p.kind === 'junk') return Buffer.from(p.bytes, 'utf8');
  const body = Buffer.from(p.body, 'utf8');
  const n = p.kind === 'good' ? body.length : Math.max(0, body.length + p.delta);
  return Buffer.concat([Buffer.from(header(n), 'latin1'), body]);
}

/** Splits the framer's output into bodies, failing on a header that does not frame honestly. */
function frames(out: Buffer): string[] | undefined {
  const bodies: string[] = [];
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf('\r\n\r\n', at);
    const m = end < 0 ? null : /^content-length:[ \t]*(\d+)\r\n/i.exec(out.subarray(at, end + 2).toString('latin1'));
    if (!m || end + 4 + Number(m[1]) > out.length) return undefined;
    bodies.push(out.subarray(end + 4, end + 4 + Number(m[1])).toString('utf8'));
    at = end + 4 + Number(m[1]);
  }
  return bodies;
}

test('fuzz lsp framing: good frames survive junk and wrong Content-Lengths, cut anywhere', (t) => {
  const tally = new Tally('lsp framing', t);
  fc.assert(
    fc.property(fc.array(part, { minLength: 1, maxLength: 12 }), fc.array(fc.nat(2000), { maxLength: 8 }), (parts, cuts) => {
      tally.run(`${parts.length} parts`, 2000, () => {
        // A wrong frame is only recoverable when a header follows it: end every stream with a good one.
        const all: Part[] = [...parts, { kind: 'good', body: '{"end":true}' }];
        const stream = Buffer.concat(all.map(encode));
        const out: Buffer[] = [];
        const framer = new ResyncingFramer(() => undefined);
        framer.on('data', (b: Buffer) => out.push(b));
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
        let from = 0;
        for (const p of [...points, stream.length]) {
          if (p > from) framer.write(stream.subarray(from, p));
          from = Math.max(from, p);
        }
        const bodies = frames(Buffer.concat(out));
        if (!bodies) return void tally.silent(`dishonest framing out of ${JSON.stringify(all).slice(0, 300)}`);
        // Good frames after the last wrong one must all arrive, in order (a wrong frame may swallow good ones before the next header only when it claims more bytes than follow).
        const good = all.filter((p) => p.kind === 'good').map((p) => (p as { body: string }).body);
        let k = 0;
        for (const b of bodies) if (k < good.length && b === good[k]) k++;
        const lastWrong = all.map((p) => p.kind).lastIndexOf('wrong');
        const mustArrive = all.slice(lastWrong + 1).filter((p) => p.kind === 'good').length;
        const arrivedTail = bodies.slice(-mustArrive);
        const wantTail = good.slice(-mustArrive);
        if (JSON.stringify(arrivedTail) !== JSON.stringify(wantTail))
          tally.silent(`good frames lost: want ${JSON.stringify(wantTail).slice(0, 200)}, got ${JSON.stringify(arrivedTail).slice(0, 200)}`);
      });
    }),
    { ...params('lsp'), interruptAfterTimeLimit: secondsFor('lsp') * 300 },
  );
  tally.report(t);
});

const methods = [
  'irqlens/map',
  'irqlens/simulate',
  'irqlens/devices',
  'irqlens/reviewPatch',
  'textDocument/hover',
  'textDocument/codeAction',
  'textDocument/codeLens',
  'workspace/executeCommand',
  'irqlens/nonsense',
];
const notifications = ['textDocument/didOpen', 'textDocument/didChange', 'textDocument/didClose', 'workspace/didChangeConfiguration', '$/cancelRequest'];

function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);
}

test('fuzz lsp server: malformed framing and parameters of any shape to a live server', async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'irqlens-fuzz-lsp-'));
  const root = join(tmp, 'qdrv');
  cpSync(join(repoRoot, 'test', 'server', 'fixtures', 'qdrv'), root, { recursive: true });
  const client = new LspClient(['lsp', '--stdio'], { XDG_CACHE_HOME: join(tmp, 'cache') });
  client.settings = { backgroundScan: false };
  t.after(() => {
    client.kill();
    rmSync(tmp, { recursive: true, force: true });
  });
  await client.initialize(root);
  const uri = `file://${root}/qdrv_irq.c`;
  const known = fc.constantFrom(uri, `file://${root}/patches/0001-qdrv-enable-more.patch`, `file://${root}/nope.c`, 'untitled:x', 'file:///etc/passwd');
  const shaped = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.record(
      { textDocument: fc.record({ uri: known, version: fc.anything() }), position: fc.anything(), range: fc.anything(), context: fc.anything() },
      { requiredKeys: [] },
    ),
    fc.record({ uri: known, device: fc.anything(), scope: fc.oneof(known, fc.anything()), layout: fc.anything() }, { requiredKeys: [] }),
  );
  const message = fc.oneof(
    fc.tuple(fc.constant('request' as const), fc.constantFrom(...methods), shaped),
    fc.tuple(fc.constant('notify' as const), fc.constantFrom(...notifications), shaped),
    fc.tuple(
      fc.constant('raw' as const),
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 80 }).filter(noHeader),
        fc.tuple(fc.json({ maxDepth: 2 }), fc.integer({ min: -30, max: 300 })).map(([b, d]) => `${header(Math.max(0, Buffer.byteLength(b) + d))}${b}`),
      ),
      fc.constant(null),
    ),
  );
  const tally = new Tally('lsp server', t);
  const deadline = Date.now() + secondsFor('lsp') * 700;
  // Batches drawn 25 at a time (seed, seed + 1, ...) until the face's time is spent.
  const batches = function* () {
    for (let round = 0; round === 0 || Date.now() < deadline; round++)
      yield* fc.sample(fc.array(message, { minLength: 5, maxLength: 20 }), { seed: seed + round, numRuns: 25 });
  };
  for (const batch of batches()) {
    if (Date.now() > deadline) break;
    for (const [kind, method, p] of batch) {
      if (kind === 'raw') {
        tally.count();
        client.writeRaw(method);
      } else if (kind === 'notify') {
        tally.count();
        client.notify(method, p);
      } else {
        await tally.runAsync(`${method} ${JSON.stringify(p)?.slice(0, 200)}`, 20_000, async () => {
          const r = await within(
            client.request(method, p).catch((e: { code?: number; message?: string }) => e),
            15_000,
          );
          if (r === 'timeout') throw new Error(`no answer to ${method}`);
          if (r && typeof r === 'object' && (r as { code?: number }).code === -32603) throw new Error(`internal error: ${(r as { message?: string }).message}`);
        });
      }
    }
    // A well-formed request after each batch must be answered: the server is still listening.
    const probe = await within(client.request('irqlens/devices', {}), 15_000);
    if (probe === 'timeout') tally.hangs.push(`server stopped answering after ${JSON.stringify(batch).slice(0, 300)}`);
    if (client.proc.exitCode !== null) {
      tally.crashes.push(`server exited (${client.proc.exitCode}) after ${JSON.stringify(batch).slice(0, 300)}`);
      break;
    }
    if (probe === 'timeout') break;
  }
  // A handler that threw: our guard's "request failed" or vscode-jsonrpc's "... failed with message".
  const traces = client.notifications.filter(
    (n) => n.method === 'window/logMessage' && /request failed|handler .* failed|failed with message/i.test(JSON.stringify(n.params)),
  );
  for (const n of traces.slice(0, 3)) tally.crashes.push(`logged: ${JSON.stringify(n.params).slice(0, 400)}`);
  tally.report(t);
});
