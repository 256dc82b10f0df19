import { RuntimeError } from '../errors';
import type { JsonObject } from '../json';
import type { StepContext, StepOutcome } from '../nodes/context';
import { executeNode } from '../nodes/execute';
import type { LogicNode, TriggerNode } from '../nodes/schema';
import type { Program } from '../program/schema';
import type { LogEntry, ScreenReply, SuccessReply } from '../protocol';

export const DEFAULT_MAX_STEPS = 100;

export interface WalkOptions {
  maxSteps: number;
  debug: boolean;
}

export type BaseContext = Omit<StepContext, 'nodeId'>;

/** Runs nodes from the trigger along the program's edges until one of them replies. */
export async function walkFrom(
  trigger: TriggerNode,
  context: BaseContext,
  options: WalkOptions,
  log: LogEntry[],
): Promise<{ reply: ScreenReply | SuccessReply; nodeId: string }> {
  const nodes = new Map(context.program.nodes.map((node) => [node.id, node]));
  let node: LogicNode = trigger;
  for (let step = 0; ; step += 1) {
    if (step >= options.maxSteps) {
      throw new RuntimeError('STEP_LIMIT', `More than ${options.maxSteps} steps in one request`, {
        nodeId: node.id,
      });
    }
    if (context.deadline.remainingMs() <= 0) {
      throw new RuntimeError('DEADLINE_EXCEEDED', 'The request budget ran out', {
        nodeId: node.id,
      });
    }
    const outcome = await runLogged(node, { ...context, nodeId: node.id }, options, log);
    if (outcome.kind === 'reply') {
      return { reply: outcome.reply, nodeId: node.id };
    }
    node = nextNode(context.program, nodes, node.id, outcome.port);
  }
}

async function runLogged(
  node: LogicNode,
  context: StepContext,
  options: WalkOptions,
  log: LogEntry[],
): Promise<StepOutcome> {
  const started = context.now();
  try {
    const outcome = await executeNode(node, context);
    log.push(entry(node, context.now() - started, 'ok', outcome, options.debug));

    return outcome;
  } catch (error) {
    const failure = asRuntimeError(error, node.id);
    log.push({
      nodeId: node.id,
      type: node.type,
      durationMs: context.now() - started,
      outcome: 'error',
      detail: { code: failure.code },
    });
    throw failure;
  }
}

function entry(
  node: LogicNode,
  durationMs: number,
  outcome: 'ok',
  result: StepOutcome,
  debug: boolean,
): LogEntry {
  const port = result.kind === 'continue' ? result.port : undefined;
  const values: JsonObject | undefined = debug ? result.values : undefined;

  return {
    nodeId: node.id,
    type: node.type,
    durationMs,
    outcome,
    ...(port === undefined ? {} : { port }),
    detail: result.detail ?? {},
    ...(values === undefined ? {} : { values }),
  };
}

function nextNode(
  program: Program,
  nodes: Map<string, LogicNode>,
  from: string,
  port: string | undefined,
): LogicNode {
  const edge = program.edges.find(
    (candidate) => candidate.from === from && candidate.port === port,
  );
  const next = edge === undefined ? undefined : nodes.get(edge.to);
  if (next === undefined) {
    const exit = port === undefined ? 'its exit' : `port '${port}'`;
    throw new RuntimeError(
      'DEAD_END',
      `Nothing follows ${exit}; connect it to a step that replies`,
      {
        nodeId: from,
        details: { port: port ?? null },
      },
    );
  }

  return next;
}

export function asRuntimeError(error: unknown, nodeId: string): RuntimeError {
  if (error instanceof RuntimeError) {
    return error;
  }
  const message = error instanceof Error ? error.message : 'unknown failure';

  return new RuntimeError('NODE_FAILED', `The node failed: ${message}`, { nodeId, cause: error });
}
