export type { DynamicValue, Expression, ParseError, Reference } from './ast';
export { looksDynamic, parseDynamicValue } from './parse';
export { hasReference, referencesOf, typeExpression } from './types';
export type { TypeIssue, TypedExpression, ValueType } from './types';
