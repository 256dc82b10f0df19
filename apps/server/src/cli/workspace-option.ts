import { type Command, Option } from 'commander';

import type { AdminOpener, WorkspaceSelection } from './admin-session';

export function workspaceOption(): Option {
  return new Option(
    '--workspace <id-or-name>',
    'the workspace to work on (default: the only one; required when there are several)',
  );
}

/**
 * Gives every subcommand of the named command groups a `--workspace` option, except those
 * that work on every workspace at once (`keys rotate-master`).
 */
export function addWorkspaceOption(program: Command, groups: readonly string[]): void {
  const everyWorkspace = new Set(['rotate-master']);
  for (const group of program.commands.filter((command) => groups.includes(command.name()))) {
    for (const command of group.commands) {
      const has = command.options.some((option) => option.long === '--workspace');
      if (!has && !everyWorkspace.has(command.name())) {
        command.addOption(workspaceOption());
      }
    }
  }
}

/**
 * An opener that works on the workspace the running command names: before each action, the
 * command's `--workspace` is noted, and whether it takes one at all (then, with several
 * workspaces, leaving it out is an error rather than a guess).
 */
export function workspaceSelecting(program: Command, open: AdminOpener): AdminOpener {
  const selection: WorkspaceSelection = {};
  program.hook('preAction', (_program, action) => {
    const { workspace } = action.opts<{ workspace?: string }>();
    selection.workspace = workspace;
    selection.strict = action.options.some((option) => option.long === '--workspace');
  });

  return (given) => open(given ?? { ...selection });
}
