// Checks the compose files the way Compose reads them, where no Compose v2 is at hand (Debian 12
// has only Compose v1, which predates the top-level "name", and podman-compose 1.0.3 without
// "config"). Run by docker/verify-image.sh, which installs the npm packages it requires:
//   node docker/check-compose.cjs SCHEMA docker/compose.yaml [docker/compose.cluster.yaml ...]
// Each file is interpolated like Compose (${VAR}, ${VAR:-default}, nested, from the environment)
// and validated against the Compose Specification schema; paths are resolved against the first
// file's directory, the project directory, and the files the trial needs must exist there.
'use strict';
const { existsSync, readFileSync, statSync } = require('node:fs');
const { dirname, resolve } = require('node:path');
const Ajv = require('ajv');
const { parse } = require('yaml');

const [schemaFile, ...composeFiles] = process.argv.slice(2);
const validate = new Ajv({ allErrors: true, strict: false, validateSchema: false }).compile(JSON.parse(readFileSync(schemaFile, 'utf8')));
const projectDirectory = dirname(resolve(composeFiles[0]));
const problems = [];

// ${NAME}, ${NAME:-default} and ${NAME-default}, innermost first so defaults may nest
function interpolate(text) {
	const innermost = /\$\{(\w+)(?:(:?-)([^${}]*))?\}/;
	let match;
	while ((match = innermost.exec(text)) !== null) {
		const value = process.env[match[1]];
		const unset = match[2] === ':-' ? !value : value === undefined;
		const replacement = match[2] && unset ? match[3] : (value ?? '');
		text = text.slice(0, match.index) + replacement + text.slice(match.index + match[0].length);
	}
	return text;
}

function interpolated(node) {
	if (typeof node === 'string') return interpolate(node);
	if (Array.isArray(node)) return node.map(interpolated);
	if (node !== null && typeof node === 'object') {
		return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, interpolated(value)]));
	}
	return node;
}

function requireFile(path, what) {
	const resolved = resolve(projectDirectory, path);
	if (!existsSync(resolved) || !statSync(resolved).isFile()) problems.push(`${what}: ${resolved} is not a file`);
}

for (const file of composeFiles) {
	const known = problems.length;
	const model = interpolated(parse(readFileSync(file, 'utf8')));
	if (!validate(model)) {
		for (const error of validate.errors) {
			problems.push(`${file}: ${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
		}
	}
	for (const [name, service] of Object.entries(model.services ?? {})) {
		const build = typeof service.build === 'string' ? { context: service.build } : service.build;
		if (build) {
			requireFile(resolve(projectDirectory, build.context ?? '.', build.dockerfile ?? 'Dockerfile'),
				`${file}: the Dockerfile of ${name}`);
		}
		for (const volume of service.volumes ?? []) {
			const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
			if (source?.startsWith('.')) requireFile(source, `${file}: a volume of ${name}`);
		}
	}
	for (const [name, secret] of Object.entries(model.secrets ?? {})) {
		if (secret.file) requireFile(secret.file, `${file}: secret ${name}`);
	}
	if (problems.length === known) console.log(`check-compose: ${file} is a valid Compose file`);
}
if (problems.length > 0) {
	console.error(problems.join('\n'));
	process.exit(1);
}
