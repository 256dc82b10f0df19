/** The Flow JSON a new, empty Flow starts from: one terminal screen that the customer can finish. */
export function blankFlowJson(): Record<string, unknown> {
  return {
    version: '7.3',
    screens: [
      {
        id: 'WELCOME',
        title: 'Welcome',
        terminal: true,
        success: true,
        data: {},
        layout: {
          type: 'SingleColumnLayout',
          children: [
            { type: 'TextHeading', text: 'Welcome' },
            { type: 'TextBody', text: 'Tell your customers what this Flow is for.' },
            {
              type: 'Footer',
              label: 'Done',
              'on-click-action': { name: 'complete', payload: {} },
            },
          ],
        },
      },
    ],
  };
}
