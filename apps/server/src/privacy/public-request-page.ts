/** The public data-request page's HTML: small, server-rendered, no script. */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

const STYLE =
  'body{font-family:system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;line-height:1.5}' +
  'label{display:block;margin:1rem 0 .25rem}input[type=text]{width:100%;padding:.5rem;font-size:1rem}' +
  'button{margin-top:1rem;padding:.5rem 1rem;font-size:1rem}.note{color:#555}.problem{color:#a40000}';

export function page(title: string, body: string, status = 200): { status: number; html: string } {
  return {
    status,
    html:
      `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title>` +
      `<style>${STYLE}</style></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`,
  };
}

export function problem(text: string): string {
  return `<p class="problem" role="alert">${escapeHtml(text)}</p>`;
}

/** The first form: which business, which number, a copy or an erasure. */
export function requestForm(options: {
  workspaceId?: string;
  businessName?: string;
  phone?: string;
  problem?: string;
}): string {
  const business = options.businessName
    ? `<p>Ask <strong>${escapeHtml(options.businessName)}</strong> for a copy of the data it holds ` +
      'about your WhatsApp number, or to erase it.</p>' +
      `<input type="hidden" name="business" value="${escapeHtml(options.workspaceId ?? '')}">`
    : '<label for="business">The business’s data request link (or its id)</label>' +
      `<input type="text" id="business" name="business" required value="${escapeHtml(options.workspaceId ?? '')}">`;

  return (
    (options.problem ? problem(options.problem) : '') +
    '<form method="post" action="/privacy/request">' +
    business +
    '<label for="phone">Your WhatsApp number, with the country code</label>' +
    `<input type="text" id="phone" name="phone" inputmode="tel" autocomplete="tel" required placeholder="+44 7700 900123" value="${escapeHtml(options.phone ?? '')}">` +
    '<fieldset><legend>What you want</legend>' +
    '<label><input type="radio" name="kind" value="export" checked> A copy of my data (a JSON file)</label>' +
    '<label><input type="radio" name="kind" value="erase"> Erase my data</label></fieldset>' +
    '<button type="submit">Send me a code on WhatsApp</button></form>' +
    '<p class="note">We send a one-time code to this number on WhatsApp, to make sure the request comes from you.</p>'
  );
}

/** The second form: the code. Says the same whatever the business holds about the number. */
export function codeForm(requestId: string, note?: string): string {
  return (
    (note ? problem(note) : '') +
    '<p>If this number uses WhatsApp, a message with a six-digit code is on its way. ' +
    'The code expires in 10 minutes.</p>' +
    '<form method="post" action="/privacy/request/confirm">' +
    `<input type="hidden" name="request" value="${escapeHtml(requestId)}">` +
    '<label for="code">Code</label>' +
    '<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required pattern="[0-9 ]{6,7}">' +
    '<button type="submit">Confirm</button></form>'
  );
}
