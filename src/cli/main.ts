import { Command, CommanderError, Option } from 'commander';
import { createRedactor } from '../evidence/redact';
import { describeError } from '../run/describe-error';
import { ExitError } from './exit-error';

/**
 * The command line (INTERFACE.md). Commands are imported lazily so `checks` does not load the
 * sandbox. This file alone maps outcomes to exit codes: GO 0, NO-GO 1, ExitError its own code,
 * anything unexpected 2 with one readable paragraph on stderr.
 */
type CommandModule = Record<string, (opts: Record<string, unknown>) => Promise<unknown>>;

const NO_PORT_NO_FILE = '\nOpens no port and writes no file: it reads the project\'s own lists.';
const list = (value: string) => value.split(',').map((s) => s.trim()).filter(Boolean);

/** Commands written by other parts of the project, loaded by name so a missing one is a clear error. */
async function external(file: string, name: string): Promise<(opts: Record<string, unknown>) => Promise<unknown>> {
  let mod: CommandModule;
  try {
    mod = (await import(new URL(`./commands/${file}.ts`, import.meta.url).href)) as CommandModule;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' && String((error as Error).message).includes(`commands/${file}`)) {
      throw new ExitError(2, `gx-verify ${name}: this command is not part of this build (src/cli/commands/${file}.ts is missing).`);
    }
    throw error;
  }
  const fn = mod[name.replace(/ (\w)/g, (_, c: string) => c.toUpperCase()).replace(/ /g, '')];
  if (typeof fn !== 'function') throw new ExitError(2, `gx-verify ${name}: src/cli/commands/${file}.ts does not export it.`);
  return fn;
}

function program(setCode: (code: number) => void): Command {
  const cmd = new Command('gx-verify')
    .description('Verifies a GX Protocol backend deployment and writes a go/no-go report.')
    .exitOverride()
    .showHelpAfterError();

  cmd.command('run')
    .description('Run the chosen layers against the target and write the reports (no --profile: start the sandbox)')
    .option('--profile <file>', 'profile file (YAML or JSON), or "sandbox" for the built-in sandbox')
    .option('--layers <list>', 'comma-separated layers (integration,security,load,e2e)', list)
    .option('--regions <list>', 'comma-separated region names of the profile', list)
    .option('--out <dir>', 'run directory (default reports/<run-id>/)')
    .option('--faults <list>', 'sandbox fault switches to turn on (sandbox only)', list)
    .option('--variant <name>', 'sandbox deployment: contract (default) or orm (an ORM-built schema, no ledger; sandbox only)')
    .option('--quick', 'shorten load phases for local tries (never for a go/no-go)')
    .option('--latency <ms>', 'built-in sandbox only: one-way delay on every route, e.g. 250 or asia=200,europe=80')
    .option('--gate <name>', 'verdict scope: merge, nightly-load, pre-launch or a profile gate (other criteria are out-of-scope)')
    .option('--criteria <globs>', 'judge only these criteria (ids or globs, e.g. IT-*,SEC-4); narrows --gate', list)
    .option('--checks <globs>', 'run only these checks (ids or globs, e.g. INT-JWT-*) and their prerequisites', list)
    .option('--rerun <run-dir>', 'run again only the checks that failed, errored or were blocked in that run')
    .option('--check-modules <files>', 'your own check modules (.ts or .js, each exporting `checks`), run beside the layers', list)
    .addOption(new Option('--concurrency <n>', 'checks running at once (default: the profile\'s concurrency, else 4)').argParser(Number))
    .addHelpText('after', `
Ports: with no --profile (or --profile sandbox) the run starts its own sandbox on free loopback ports
only (never 3001-3007), so it runs beside a GX stack or another sandbox; traffic goes only to that
sandbox or to the hosts the profile names.
Folders: the run writes reports/<run-id>/ (or --out): report.json, report.md, report.html,
junit.xml, allure-results/ and artifacts/ (run.log, finding lists, transcripts). The sandbox's
data lives in a temp dir ($GX_VERIFY_TMPDIR, else /dev/shm, else the OS temp dir), removed at the end.`)
    .action(async (opts) => {
      const { run } = await import('./commands/run');
      const verdict = await run(opts);
      setCode(verdict === 'GO' ? 0 : 1);
    });

  const sandbox = cmd.command('sandbox').description('The embedded GX deployment');
  sandbox.command('up')
    .description('Start the sandbox and print where each part listens')
    .option('--faults <list>', 'fault switches to turn on', list)
    .option('--write-profile <file>', 'write a profile file pointing at the sandbox')
    .option('--detach', 'return once it is up; stop it with `sandbox down`')
    .option('--infra <mode>', 'binaries (the machine\'s PostgreSQL/Redis) or containers (Docker)')
    .option('--latency <ms>', 'one-way delay on every route a client uses, e.g. 250 or asia=200,europe=80 (the rest keep their defaults)')
    .option('--variant <name>', 'which deployment: contract (default) or orm (an ORM-built schema, no ledger or workers)')
    .option('--ports <mode>', 'default: the services on the contract ports 3001-3007; free: ports the OS picks')
    .option('--monitoring', 'also start Prometheus and Alertmanager behind TLS and basic auth (the profile gets a monitoring section)')
    .addHelpText('after', `
Ports: the seven services listen on 127.0.0.1:3001-3007 (the contract's defaults) unless --ports free
(or GX_VERIFY_SANDBOX_PORTS=free); a taken one stops the start at once, naming it. PostgreSQL, Redis,
the database gate, the edges (HTTPS and port-80 role), the Fabric emulator, the workers and the
control endpoint always take free loopback ports. Nothing listens beyond 127.0.0.1.
Folders: data in a temp dir under $GX_VERIFY_TMPDIR, else /dev/shm (when it has room), else the OS
temp dir (removed on stop); --detach keeps its state, daemon.log and error.txt in
$GX_VERIFY_STATE_DIR, else $XDG_RUNTIME_DIR/gx-verify, else <tmp>/gx-verify-sandbox.`)
    .action(async (opts) => { await (await external('sandbox', 'sandbox up'))(opts); });
  sandbox.command('down')
    .description('Stop a detached sandbox and remove its temporary data')
    .addHelpText('after', `
Reads the state a detached sandbox left in $GX_VERIFY_STATE_DIR (else $XDG_RUNTIME_DIR/gx-verify, else
<tmp>/gx-verify-sandbox), stops it and checks that none of its processes, ports or temp dir remain.`)
    .action(async (opts) => { await (await external('sandbox', 'sandbox down'))(opts); });
  sandbox.command('faults')
    .description('List every fault switch: name, what it breaks, the checks it must turn red')
    .option('--json', 'machine-readable output')
    .addHelpText('after', NO_PORT_NO_FILE)
    .action(async (opts) => { await (await external('sandbox', 'sandbox faults'))(opts); });

  cmd.command('checks')
    .description('List every check: id, layer, title, criteria, the fault that proves it')
    .option('--json', 'machine-readable output')
    .option('--check-modules <files>', 'also list the checks of these modules (and validate them)', list)
    .addHelpText('after', NO_PORT_NO_FILE)
    .action(async (opts) => { const { checks } = await import('./commands/checks'); await checks(opts); });

  cmd.command('criteria')
    .description('List every success criterion: id, group, statement, blocking, linked checks')
    .option('--json', 'machine-readable output')
    .addHelpText('after', NO_PORT_NO_FILE)
    .action(async (opts) => { const { criteria } = await import('./commands/criteria'); await criteria(opts); });

  cmd.command('rules')
    .description('List every contract rule and documented error: strength, the checks that test it, the faults that prove it')
    .option('--json', 'machine-readable output')
    .action(async (opts) => { const { rules } = await import('./commands/rules'); await rules(opts); });

  cmd.command('report')
    .description('Re-render reports from a run\'s report.json')
    .argument('<run-dir>', 'the run directory')
    .addOption(new Option('--format <format>', 'output format (default: json, md, html, junit and allure results)')
      .choices(['json', 'md', 'html', 'junit', 'allure']))
    .addHelpText('after', `
Folders: reads <run-dir>/report.json (schemaVersion 1 or 2) and writes the chosen format beside it
(allure: <run-dir>/allure-report/). Opens no port.`)
    .action(async (dir: string, opts) => { const { report } = await import('./commands/report'); await report(dir, opts); });

  const exporter = cmd.command('export').description('Write the load scenarios for another runner');
  exporter.command('k6')
    .description('k6 scripts per load scenario and a k6-operator TestRun manifest per region')
    .option('--profile <file>', 'profile file (YAML or JSON)')
    .option('--out <dir>', 'folder for the scripts and manifests')
    .action(async (opts) => { await (await external('export', 'export k6'))(opts); });

  const importer = cmd.command('import').description('Turn another runner\'s results into load evidence');
  importer.command('k6')
    .description('k6 end-of-test summaries (handleSummary JSON or --summary-export) → a run directory')
    .argument('<summary...>', 'k6 summary JSON files')
    .option('--out <dir>', 'run directory to write')
    .option('--profile <file>', 'profile whose thresholds and users judge the numbers (default: the seed\'s)')
    .option('--region <name>', 'region of summaries that carry no region tag')
    .action(async (files: string[], opts) => { await ((await external('import', 'import k6')) as unknown as (f: string[], o: unknown) => Promise<void>)(files, opts); });

  cmd.command('merge')
    .description('One report and verdict from several runs (e.g. one per region)')
    .argument('<run-dir...>', 'run directories')
    .option('--out <dir>', 'run directory to write')
    .action(async (dirs: string[], opts) => {
      const verdict = await ((await external('merge', 'merge')) as unknown as (d: string[], o: unknown) => Promise<string>)(dirs, opts);
      setCode(verdict === 'GO' ? 0 : 1);
    });

  cmd.command('doctor')
    .description('Say what this machine has and lacks for each layer, and how to get it; with --profile, also check the target before any write')
    .option('--profile <file>', 'profile file (YAML or JSON) of the target to check (reads only)')
    .option('--json', 'machine-readable output')
    .addHelpText('after', `
Reads the machine's binaries and packages; with a profile it contacts only the hosts the profile names
(read-only: no write, no load). Opens no port and writes no file.`)
    .action(async (opts) => { await (await external('doctor', 'doctor'))(opts); });
  return cmd;
}

// `gx-verify checks | head`: a closed pipe ends the output, it is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  try {
    await program((c) => { code = c; }).parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end 0; usage mistakes are "the suite could not do its job".
      return error.exitCode === 0 ? 0 : 2;
    }
    // Pattern redaction (tokens, headers, URL credentials) also for what goes to stderr.
    const redact = createRedactor();
    if (error instanceof ExitError) {
      if (error.message) process.stderr.write(`gx-verify: ${redact(error.message)}\n`);
      return error.code;
    }
    process.stderr.write(`gx-verify: internal error, the suite could not do its job: ${redact(describeError(error))}. `
      + 'This is a defect of gx-verify or of its set-up, not a verdict on the target; run `gx-verify doctor` and retry.\n');
    if (process.env.GXV_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    return 2;
  }
}

const code = await main(process.argv.slice(2));
// Let stdout/stderr drain, then exit even if a library left a handle open.
process.exitCode = code;
setTimeout(() => process.exit(code), 50).unref();
