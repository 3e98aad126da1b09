/**
 * A JQL subset parser: clauses joined by AND / OR / NOT with parentheses, operators
 * = != > >= < <= ~ !~ IN, NOT IN, IS [NOT] EMPTY, functions like currentUser(), fields including
 * `issue.property[key].path` and `cf[10030]`, and ORDER BY. Errors read like Jira's.
 */

export type JqlValue =
  | { kind: 'string'; value: string }
  | { kind: 'empty' }
  | { kind: 'function'; name: string; args: string[] }
  | { kind: 'list'; values: JqlValue[] };

export type JqlOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~' | '!~' | 'in' | 'not in' | 'is' | 'is not';

export type JqlExpr =
  | { kind: 'and' | 'or'; left: JqlExpr; right: JqlExpr }
  | { kind: 'not'; expr: JqlExpr }
  | { kind: 'clause'; field: string; operator: JqlOperator; value: JqlValue };

export interface JqlOrder {
  field: string;
  direction: 'asc' | 'desc';
}

export interface JqlQuery {
  where?: JqlExpr;
  orderBy: JqlOrder[];
}

export class JqlError extends Error {}

interface Token {
  type: 'word' | 'string' | 'op' | 'punct';
  text: string;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === '"' || ch === "'") {
      let text = '';
      let j = i + 1;
      while (j < input.length && input[j] !== ch) {
        if (input[j] === '\\' && j + 1 < input.length) j += 1;
        text += input[j];
        j += 1;
      }
      if (j >= input.length)
        throw new JqlError(`Error in the JQL Query: The quoted string '${text}' has not been completed.`);
      tokens.push({ type: 'string', text });
      i = j + 1;
      continue;
    }
    const two = input.slice(i, i + 2);
    if (['!=', '>=', '<=', '!~'].includes(two)) {
      tokens.push({ type: 'op', text: two });
      i += 2;
      continue;
    }
    if ('=<>~'.includes(ch)) {
      tokens.push({ type: 'op', text: ch });
      i += 1;
      continue;
    }
    if ('(),'.includes(ch)) {
      tokens.push({ type: 'punct', text: ch });
      i += 1;
      continue;
    }
    const match = /^[A-Za-z0-9_.\-:*/+@]+(\[[^\]]*\])?([A-Za-z0-9_.\-]*)/.exec(input.slice(i));
    if (!match) throw new JqlError(`Error in the JQL Query: The character '${ch}' is a reserved JQL character.`);
    tokens.push({ type: 'word', text: match[0] });
    i += match[0].length;
  }
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }
  private next(): Token | undefined {
    return this.tokens[this.pos++];
  }
  private isWord(text: string, offset = 0): boolean {
    const t = this.tokens[this.pos + offset];
    return t?.type === 'word' && t.text.toLowerCase() === text;
  }
  private expectPunct(text: string): void {
    const t = this.next();
    if (t?.type !== 'punct' || t.text !== text)
      throw new JqlError(`Error in the JQL Query: Expecting '${text}' but got '${t?.text ?? 'end of query'}'.`);
  }

  parse(): JqlQuery {
    const query: JqlQuery = { orderBy: [] };
    if (this.peek() && !this.isWord('order')) query.where = this.or();
    if (this.isWord('order')) {
      this.next();
      if (!this.isWord('by')) throw new JqlError("Error in the JQL Query: Expecting 'by' after 'order'.");
      this.next();
      do {
        const field = this.next();
        if (!field || field.type === 'punct' || field.type === 'op')
          throw new JqlError('Error in the JQL Query: Expecting a field name in ORDER BY.');
        let direction: 'asc' | 'desc' = 'asc';
        if (this.isWord('asc') || this.isWord('desc')) direction = this.next()!.text.toLowerCase() as 'asc' | 'desc';
        query.orderBy.push({ field: field.text, direction });
      } while (this.peek()?.text === ',' && this.next());
    }
    const rest = this.peek();
    if (rest) throw new JqlError(`Error in the JQL Query: Expecting either 'OR' or 'AND' but got '${rest.text}'.`);
    return query;
  }

  private or(): JqlExpr {
    let left = this.and();
    while (this.isWord('or')) {
      this.next();
      left = { kind: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): JqlExpr {
    let left = this.not();
    while (this.isWord('and')) {
      this.next();
      left = { kind: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): JqlExpr {
    if (this.isWord('not')) {
      this.next();
      return { kind: 'not', expr: this.not() };
    }
    if (this.peek()?.text === '(' && this.peek()?.type === 'punct') {
      this.next();
      const inner = this.or();
      this.expectPunct(')');
      return inner;
    }
    return this.clause();
  }

  private clause(): JqlExpr {
    const field = this.next();
    if (!field || field.type === 'op' || field.type === 'punct')
      throw new JqlError(`Error in the JQL Query: Expecting a field name but got '${field?.text ?? 'end of query'}'.`);
    const operator = this.operator();
    const value = operator === 'in' || operator === 'not in' ? this.list() : this.value();
    return { kind: 'clause', field: field.text, operator, value };
  }

  private operator(): JqlOperator {
    const t = this.next();
    if (t?.type === 'op') return t.text as JqlOperator;
    const word = t?.text.toLowerCase();
    if (word === 'in') return 'in';
    if (word === 'is') {
      if (this.isWord('not')) {
        this.next();
        return 'is not';
      }
      return 'is';
    }
    if (word === 'not' && this.isWord('in')) {
      this.next();
      return 'not in';
    }
    throw new JqlError(`Error in the JQL Query: Expecting operator but got '${t?.text ?? 'end of query'}'.`);
  }

  private list(): JqlValue {
    this.expectPunct('(');
    const values: JqlValue[] = [];
    if (this.peek()?.text !== ')') {
      do {
        values.push(this.value());
      } while (this.peek()?.text === ',' && this.next());
    }
    this.expectPunct(')');
    return { kind: 'list', values };
  }

  private value(): JqlValue {
    const t = this.next();
    if (!t || t.type === 'op' || (t.type === 'punct' && t.text !== '('))
      throw new JqlError(`Error in the JQL Query: Expecting a value but got '${t?.text ?? 'end of query'}'.`);
    if (t.type === 'string') return { kind: 'string', value: t.text };
    if (t.type === 'word' && ['empty', 'null'].includes(t.text.toLowerCase())) return { kind: 'empty' };
    if (t.type === 'word' && this.peek()?.text === '(' && this.peek()?.type === 'punct') {
      this.next();
      const args: string[] = [];
      while (this.peek() && this.peek()!.text !== ')') {
        const arg = this.next()!;
        if (arg.text !== ',') args.push(arg.text);
      }
      this.expectPunct(')');
      return { kind: 'function', name: t.text.toLowerCase(), args };
    }
    return { kind: 'string', value: t.text };
  }
}

export function parseJql(jql: string): JqlQuery {
  return new Parser(tokenize(jql)).parse();
}
