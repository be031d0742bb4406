import { invalidArgument } from '@agentic-commerce/kit';
import { roundCents } from './python-round.ts';

const ALLOWED = /^[0-9+\-*/(). ]*$/;

/**
 * Evaluates an arithmetic expression the way τ-bench's `calculate` does: digits, + - * / ** //, parentheses,
 * decimal points and spaces only; the result rounded to cents. Parsed by hand, never `eval`.
 */
export function calculate(expression: string): number {
  if (!ALLOWED.test(expression)) {
    throw invalidArgument(`expression "${expression}" has characters other than digits, + - * / ( ) . and spaces`);
  }
  const tokens = expression.match(/\*\*|\/\/|\d+\.?\d*|\.\d+|[+\-*/()]|\S/g) ?? [];
  let index = 0;
  const peek = () => tokens[index];
  const fail = (what: string): never => {
    throw invalidArgument(`expression "${expression}" is not valid arithmetic: ${what}`);
  };
  const divide = (a: number, b: number, floor: boolean) => {
    if (b === 0) fail('division by zero');
    return floor ? Math.floor(a / b) : a / b;
  };

  // expr := term (('+'|'-') term)* ; term := unary (('*'|'/'|'//') unary)* ; unary := ('+'|'-') unary | power
  // power := atom ('**' unary)? ; atom := number | '(' expr ')'
  function expr(): number {
    let value = term();
    while (peek() === '+' || peek() === '-') value = tokens[index++] === '+' ? value + term() : value - term();
    return value;
  }
  function term(): number {
    let value = unary();
    for (let op = peek(); op === '*' || op === '/' || op === '//'; op = peek()) {
      index++;
      const right = unary();
      value = op === '*' ? value * right : divide(value, right, op === '//');
    }
    return value;
  }
  function unary(): number {
    if (peek() === '-') return index++, -unary();
    if (peek() === '+') return index++, unary();
    return power();
  }
  function power(): number {
    const base = atom();
    if (peek() !== '**') return base;
    index++;
    return base ** unary();
  }
  function atom(): number {
    const token = tokens[index++];
    if (token === undefined) return fail('it ends too early');
    if (token === '(') {
      const value = expr();
      if (tokens[index++] !== ')') fail('a parenthesis is not closed');
      return value;
    }
    const value = Number(token);
    if (!/^(\d+\.?\d*|\.\d+)$/.test(token) || Number.isNaN(value)) fail(`unexpected "${token}"`);
    return value;
  }

  const value = expr();
  if (index < tokens.length) fail(`unexpected "${tokens[index]}"`);
  if (!Number.isFinite(value)) fail('the result is not a finite number');
  return roundCents(value);
}
