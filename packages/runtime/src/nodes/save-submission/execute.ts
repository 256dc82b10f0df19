import type { StepContext, StepOutcome } from '../context';
import { mapIn } from '../context';
import type { SaveSubmissionNode } from './schema';

export function executeSaveSubmission(node: SaveSubmissionNode, context: StepContext): StepOutcome {
  const answers = mapIn(context, 'answers', node.answers);
  context.effects.push({ kind: 'save_submission', nodeId: node.id, answers });

  return { kind: 'continue', detail: { keys: Object.keys(answers) }, values: { answers } };
}
