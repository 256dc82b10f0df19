import { describe, expect, it } from 'vitest';

import { stepContext } from '../../testing/fakes.test-helper';
import { executeSaveSubmission } from './execute';
import { defaultSaveSubmissionNode } from './schema';

describe('save_submission', () => {
  it('emits the mapped answers as an effect and continues', () => {
    const context = stepContext({
      payload: { email: 'ANA@EXAMPLE.COM' },
      variables: { slot: '09:00' },
    });
    const node = {
      ...defaultSaveSubmissionNode('save'),
      answers: { email: 'lower(payload.email)', slot: 'vars.slot' },
    };
    expect(executeSaveSubmission(node, context)).toMatchObject({ kind: 'continue' });
    expect(context.effects).toEqual([
      {
        kind: 'save_submission',
        nodeId: 'save',
        answers: { email: 'ana@example.com', slot: '09:00' },
      },
    ]);
  });
});
