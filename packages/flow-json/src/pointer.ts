/** Builds RFC 6901 JSON pointers: `~` and `/` inside a key are escaped as `~0` and `~1`. */
export function pointerTo(...segments: Array<string | number>): string {
  let pointer = '';
  for (const segment of segments) {
    pointer += `/${typeof segment === 'number' ? segment : escapeSegment(segment)}`;
  }

  return pointer;
}

export function childPointer(parent: string, ...segments: Array<string | number>): string {
  return parent + pointerTo(...segments);
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') {
    return [];
  }

  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** The pointers from `pointer` up to the root, nearest first. */
export function pointerAncestors(pointer: string): string[] {
  const segments = parsePointer(pointer);
  const ancestors: string[] = [];
  for (let length = segments.length; length >= 0; length -= 1) {
    ancestors.push(pointerTo(...segments.slice(0, length)));
  }

  return ancestors;
}

function escapeSegment(segment: string): string {
  if (!segment.includes('~') && !segment.includes('/')) {
    return segment;
  }

  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
