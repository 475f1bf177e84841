import { ExitCode, writeLine, type CliCommand, type CliIo } from './cli-io';

/**
 * A command made of subcommands ("vault init", "audit verify"): runs the named one, prints the
 * help for none, `help`, `-h` or `--help` (exit 2 when nothing was named), and refuses an
 * unknown name with the help.
 */
export function subcommands(group: string, help: string, table: Readonly<Record<string, (argv: readonly string[], io: CliIo) => Promise<number>>>): CliCommand {
  return (argv, io) => {
    const [sub, ...rest] = argv;
    if (sub === undefined || sub === 'help' || sub === '-h' || sub === '--help') {
      io.stdout.write(help);
      return Promise.resolve(sub === undefined ? ExitCode.usage : ExitCode.ok);
    }
    const run = Object.hasOwn(table, sub) ? table[sub] : undefined;
    if (!run) {
      writeLine(io.stderr, `callvault ${group}: unknown command "${group} ${sub}".`);
      io.stderr.write(help);
      return Promise.resolve(ExitCode.usage);
    }
    return run(rest, io);
  };
}
