// `npm run cli -- COMMAND …`: Concord's pipeline without a browser, on native DuckDB, with the
// same core as the app. Errors go to stderr with a non-zero exit code (2 for a usage mistake).
import { parseArgs } from 'node:util';
import { CLV_USAGE, clvCommand } from './clv-command';
import { RESOLVE_USAGE, resolveCommand } from './resolve-command';
import { RUN_USAGE, runCommand } from './run-command';
import { UsageError } from './usage-error';

const USAGE = `Usage: npm run cli -- COMMAND [arguments]

Commands:
  resolve FILE... --out CLUSTERS.csv   unify the records of the files into customers
  clv FILE --out PARAMS.json           fit BG/NBD and Gamma-Gamma, score P(alive) and CLV
  run WORKSPACE.json --out DIR         rerun a workspace's whole pipeline from its workspace file

${RESOLVE_USAGE}

${CLV_USAGE}

${RUN_USAGE}`;

async function main(argv: string[]): Promise<void> {
	const [command, ...rest] = argv;
	if (command === 'resolve') {
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: {
				out: { type: 'string' },
				mapping: { type: 'string' },
				threshold: { type: 'string' }
			}
		});
		await resolveCommand({ files: positionals, ...values });
		return;
	}
	if (command === 'clv') {
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: {
				customer: { type: 'string' },
				date: { type: 'string' },
				amount: { type: 'string' },
				'calibration-end': { type: 'string' },
				'time-unit': { type: 'string' },
				out: { type: 'string' },
				scores: { type: 'string' },
				months: { type: 'string' },
				'discount-rate': { type: 'string' },
				'pareto-nbd': { type: 'boolean' }
			}
		});
		await clvCommand({ files: positionals, ...values });
		return;
	}
	if (command === 'run') {
		const { values, positionals } = parseArgs({
			args: rest,
			allowPositionals: true,
			options: { out: { type: 'string' }, data: { type: 'string' } }
		});
		await runCommand({ files: positionals, ...values });
		return;
	}
	throw new UsageError(command ? `Unknown command '${command}'.` : 'Which command?');
}

main(process.argv.slice(2)).catch((error: unknown) => {
	const message = error instanceof Error ? error.message : String(error);
	process.stderr.write(`${message}\n`);
	if (
		error instanceof UsageError ||
		(error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
	) {
		process.stderr.write(`\n${USAGE}\n`);
		process.exit(2);
	}
	process.exit(1);
});
