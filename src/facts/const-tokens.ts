// Tokens of a C constant expression: numbers (read exactly), identifiers and operators. The
// evaluator (const-eval.ts) expands macros over these and parses them.

export type Tok = { k: 'num'; v: number } | { k: 'id'; v: string } | { k: 'op'; v: string };

const ops3 = ['<<=', '>>='];
const ops2 = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '->', '++', '--'];
const numRe = /^(0[xX][0-9a-fA-F]+|0[bB][01]+|\d+\.?\d*(?:[eE][+-]?\d+)?)([uUlL]*)/;

export function tokenize(text: string): Tok[] | undefined {
  const toks: Tok[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (/[0-9]/.test(ch)) {
      const m = numRe.exec(text.slice(i, i + 40));
      if (!m) return undefined;
      const lit = m[1]!;
      toks.push({ k: 'num', v: literalValue(lit) });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(ch)) {
      const m = /^[A-Za-z_]\w*/.exec(text.slice(i, i + 128))!;
      toks.push({ k: 'id', v: m[0] });
      i += m[0].length;
      continue;
    }
    if (ch === "'") {
      const m = /^'(\\?.)'/.exec(text.slice(i, i + 4));
      if (!m) return undefined;
      toks.push({ k: 'num', v: m[1]!.length === 2 ? 0 : m[1]!.charCodeAt(0) });
      i += m[0].length;
      continue;
    }
    if (ch === '"') return undefined;
    const three = text.slice(i, i + 3);
    const two = text.slice(i, i + 2);
    const op = ops3.includes(three) ? three : ops2.includes(two) ? two : ch;
    toks.push({ k: 'op', v: op });
    i += op.length;
  }
  return toks;
}

/**
 * An integer literal's value, exact: read with BigInt, so 0xffffffffffffffff is not rounded to
 * 2^64. A value a double cannot hold exactly (beyond 2^53) is NaN: the expression then has no
 * value (see evaluate), never a nearby wrong one.
 */
function literalValue(lit: string): number {
  if (/[.eE]/.test(lit) && !/^0[xX]/.test(lit)) return Number(lit);
  const exact = /^0[bB]/.test(lit) ? BigInt(lit) : /^0[0-7]+$/.test(lit) ? BigInt(`0o${lit.slice(1)}`) : BigInt(lit);
  return exact <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(exact) : Number.NaN;
}
