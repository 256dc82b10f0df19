/** The sealed signing secret is bound to its destination row and field. */
export function destinationSecretPurpose(destinationId: string): string {
  return `destination:${destinationId}:secret`;
}
