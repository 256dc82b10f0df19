import type { Customer, SimState } from '../state';

const BSUID = /^[A-Z]{2}\.[\w.-]+$/;

/**
 * The customer a send addresses: a phone number (`+` and separators ignored, as Meta does)
 * or a business-scoped user id (spec C5). A number never seen before becomes a new customer,
 * since Meta delivers to any WhatsApp user.
 */
export function customerFor(state: SimState, to: string): Customer {
  if (BSUID.test(to)) {
    const byUserId = [...state.customers.values()].find((c) => c.userId === to);
    if (byUserId !== undefined) {
      return byUserId;
    }
  }
  const waId = to.replace(/[\s()+-]/g, '');

  return registerCustomer(state, { waId });
}

export function registerCustomer(
  state: SimState,
  input: { waId: string; userId?: string | undefined; name?: string | undefined },
): Customer {
  const known = state.customers.get(input.waId);
  if (known !== undefined) {
    known.userId = input.userId ?? known.userId;
    known.name = input.name ?? known.name;

    return known;
  }
  const customer: Customer = {
    waId: input.waId,
    userId: input.userId,
    name: input.name ?? `Customer ${input.waId.slice(-4)}`,
  };
  state.customers.set(customer.waId, customer);

  return customer;
}
