/** `prefix` followed by the first number from `from` on that makes a name not yet taken. */
export function freshName(prefix: string, isTaken: (name: string) => boolean, from = 1): string {
  let counter = from;
  while (isTaken(`${prefix}${counter}`)) {
    counter += 1;
  }

  return `${prefix}${counter}`;
}
