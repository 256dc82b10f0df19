import type { SimContext } from '../context';
import { businessByPhone, businessByToken } from '../state';
import type { Business, MediaItem, SimFlow } from '../state';
import { graphErrors } from './graph-error';
import type { GraphRequest } from './graph-request';

/**
 * A token no business holds is refused as invalid (190); an object the token's business does
 * not own reads as missing (100/33), so a token never learns of another business's objects.
 */
function authorize(ctx: SimContext, request: GraphRequest, owner: Business | undefined): Business {
  if (businessByToken(ctx.state, request.token).length === 0) {
    throw graphErrors.badToken();
  }
  if (owner === undefined || !owner.accessTokens.has(request.token)) {
    throw graphErrors.unknownObject(request.id);
  }

  return owner;
}

export function phoneNumberOf(ctx: SimContext, request: GraphRequest): Business {
  return authorize(ctx, request, businessByPhone(ctx.state, request.id));
}

export function wabaOf(ctx: SimContext, request: GraphRequest): Business {
  return authorize(ctx, request, ctx.state.businesses.get(request.id));
}

export function flowOf(
  ctx: SimContext,
  request: GraphRequest,
): { flow: SimFlow; business: Business } {
  const flow = ctx.state.flows.get(request.id);
  const owner = flow === undefined ? undefined : ctx.state.businesses.get(flow.wabaId);
  const business = authorize(ctx, request, owner);
  if (flow === undefined) {
    throw graphErrors.unknownObject(request.id);
  }

  return { flow, business };
}

export function mediaOf(ctx: SimContext, request: GraphRequest): MediaItem {
  const media = ctx.state.media.get(request.id);
  authorize(ctx, request, media && businessByPhone(ctx.state, media.phoneNumberId));
  if (media === undefined) {
    throw graphErrors.unknownObject(request.id);
  }

  return media;
}

/** What kind of object an id names, for the routes shared by several (`GET /{id}`). */
export function kindOf(ctx: SimContext, id: string): 'flow' | 'media' | 'unknown' {
  if (ctx.state.flows.has(id)) {
    return 'flow';
  }

  return ctx.state.media.has(id) ? 'media' : 'unknown';
}
