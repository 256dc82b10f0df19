import type { Operator } from './tokenizer';

/** Where a reference reads from: `${data.x}`, `${form.x}`, `${screen.S.data.x}`, `${screen.S.form.x}`. */
export interface Reference {
  scope: 'data' | 'form';
  /** Set for global references (`${screen.S.…}`, Flow JSON 4.0+). */
  screen?: string;
  /** Field path after the scope: `${data.a.b}` gives ["a", "b"]. */
  path: string[];
  /** Offsets of the whole `${…}` in the property's text. */
  start: number;
  end: number;
}

export type Expression =
  | { kind: 'reference'; reference: Reference; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'boolean'; value: boolean; start: number; end: number }
  | { kind: 'unary'; operator: '!' | '-'; operand: Expression; start: number; end: number }
  | {
      kind: 'binary';
      operator: Exclude<Operator, '!'>;
      left: Expression;
      right: Expression;
      start: number;
      end: number;
    }
  /** Juxtaposed operands, joined as text: `'Hi ' ${form.name}`. */
  | { kind: 'concat'; parts: Expression[]; start: number; end: number };

/** What a property's text is: plain text, one reference, or a back-tick expression (6.0+). */
export type DynamicValue =
  | { kind: 'static'; text: string }
  | { kind: 'reference'; reference: Reference }
  | { kind: 'expression'; expression: Expression };

export interface ParseError {
  kind: 'error';
  message: string;
  /** Offset in the property's text where reading failed. */
  offset: number;
}
