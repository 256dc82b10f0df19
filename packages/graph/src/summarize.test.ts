import { describe, expect, it } from 'vitest';

import { summarizeScreen } from './summarize';

describe('summarizeScreen', () => {
  it('lists the component tree with labels and depths', () => {
    const summary = summarizeScreen({
      id: 'DETAILS',
      title: 'Your details',
      layout: {
        type: 'SingleColumnLayout',
        children: [
          { type: 'TextHeading', text: 'Tell us more' },
          {
            type: 'Form',
            name: 'details',
            children: [
              { type: 'TextInput', name: 'first_name', label: 'First name' },
              {
                type: 'If',
                condition: '${form.vip}',
                then: [{ type: 'RichText', text: ['# VIP', 'Welcome'] }],
              },
              {
                type: 'CalendarPicker',
                name: 'stay',
                label: { 'start-date': 'From', 'end-date': 'To' },
              },
            ],
          },
          { type: 'Footer', label: 'Continue' },
          'broken',
        ],
      },
    });
    expect(summary).toEqual({
      title: 'Your details',
      components: [
        { type: 'TextHeading', label: 'Tell us more', depth: 0 },
        { type: 'Form', label: 'details', depth: 0 },
        { type: 'TextInput', label: 'First name', depth: 1 },
        { type: 'If', label: '${form.vip}', depth: 1 },
        { type: 'RichText', label: '# VIP', depth: 2 },
        { type: 'CalendarPicker', label: 'From', depth: 1 },
        { type: 'Footer', label: 'Continue', depth: 0 },
        { type: 'Unknown', depth: 0 },
      ],
    });
  });

  it('falls back to the screen id for the title and shortens long text', () => {
    const summary = summarizeScreen({
      id: 'INFO',
      layout: {
        type: 'SingleColumnLayout',
        children: [{ type: 'TextBody', text: 'word '.repeat(50) }],
      },
    });
    expect(summary.title).toBe('INFO');
    expect(summary.components[0]?.label).toHaveLength(100);
    expect(summary.components[0]?.label?.endsWith('…')).toBe(true);
  });
});
