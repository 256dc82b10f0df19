/**
 * The text field the user is typing into, as a key for joining its edits into one undo step.
 * Every inspector commits an edit per keystroke; keying on the focused field makes undo take
 * back what was typed in one go, whichever panel the field belongs to.
 */
const TEXT_INPUT_TYPES = new Set([
  '',
  'text',
  'search',
  'email',
  'url',
  'tel',
  'number',
  'password',
]);
const fieldKeys = new WeakMap<Element, string>();
let nextKey = 1;

function isTextField(element: Element): boolean {
  if (element instanceof HTMLTextAreaElement) {
    return true;
  }
  if (element instanceof HTMLInputElement) {
    return TEXT_INPUT_TYPES.has(element.getAttribute('type') ?? '');
  }

  return element instanceof HTMLElement && element.isContentEditable;
}

/** A key of the focused text field, the same for as long as that element lives. */
export function typingFieldKey(): string | undefined {
  if (typeof document === 'undefined' || document.activeElement === null) {
    return undefined;
  }
  const element = document.activeElement;
  if (!isTextField(element)) {
    return undefined;
  }
  let key = fieldKeys.get(element);
  if (key === undefined) {
    key = `field:${nextKey}`;
    nextKey += 1;
    fieldKeys.set(element, key);
  }

  return key;
}
