// The C text of an IR expression, for messages and device keys (never parsed back).
import type { Expr } from '../../facts/types';

export function exprText(e: Expr): string {
  switch (e.t) {
    case 'int':
      return String(e.value);
    case 'errno':
      return `-${e.name}`;
    case 'var':
      return e.name;
    case 'field':
      return `${exprText(e.base)}${e.dot ? '.' : '->'}${e.name}`;
    case 'index':
      return `${exprText(e.base)}[${exprText(e.index)}]`;
    case 'addr':
      return `&${exprText(e.a)}`;
    case 'deref':
      return `*${exprText(e.a)}`;
    case 'call':
      return `${e.name}(${e.args.map(exprText).join(', ')})`;
    case 'err-ptr':
      return `ERR_PTR(${exprText(e.a)})`;
    case 'unary':
      return `${e.op}${exprText(e.a)}`;
    case 'binary':
      return `${exprText(e.left)} ${e.op} ${exprText(e.right)}`;
    case 'ternary':
      return `${exprText(e.test)} ? ${exprText(e.then)} : ${exprText(e.else)}`;
    case 'other':
      return e.text;
  }
}
