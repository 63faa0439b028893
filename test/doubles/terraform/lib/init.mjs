// `init`: backend check, provider "installation" into the plugin cache, the .terraform marker.
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { FLAGS, fail, parseFlags } from './cli.mjs';
import { loadConfig, providerSource } from './config.mjs';
import { failIfAsked, hangIfAsked } from './faults.mjs';
import { requireBackendCredentials, stateLocation, writeInitMarker } from './state.mjs';

export async function init(ctx, args) {
  parseFlags(args, FLAGS.init);
  const config = loadConfig(ctx.cwd);
  if (!config) {
    ctx.out(`\n${ctx.brand.name} initialized in an empty directory!\n\nThe directory has no configuration files.\n`);
    return 0;
  }
  const cache = ctx.env.TF_PLUGIN_CACHE_DIR;
  if (cache && !(existsSync(cache) && statSync(cache).isDirectory())) {
    fail(
      'Invalid plugin cache directory',
      `The specified plugin cache dir ${cache} cannot be opened: no such directory`,
    );
  }
  ctx.out('\nInitializing the backend...\n');
  failIfAsked(ctx.env, 'init');
  stateLocation(ctx, config.backend);
  requireBackendCredentials(ctx, config.backend);
  if (config.backend.type !== 'local') {
    ctx.out(`\nSuccessfully configured the backend "${config.backend.type}"! ${ctx.brand.name} will automatically\n`);
    ctx.out('use this backend unless the backend configuration changes.\n');
  }
  await hangIfAsked(ctx, 'init');
  ctx.out('\nInitializing provider plugins...\n');
  const locals = new Set([
    ...Object.keys(config.requiredProviders),
    ...config.resources.map((r) => r.type.split('_')[0]),
  ]);
  const lock = [];
  for (const local of [...locals].sort()) {
    const source = providerSource(local, config.requiredProviders[local]?.source);
    const version = /\d+\.\d+\.\d+/.exec(config.requiredProviders[local]?.version ?? '')?.[0] ?? '5.0.0';
    ctx.out(`- Finding ${source.short} versions matching "${version}"...\n`);
    const binary =
      cache && join(cache, source.fullName, version, 'linux_amd64', `terraform-provider-${local}_v${version}`);
    if (binary && existsSync(binary)) {
      ctx.out(`- Using ${source.short} v${version} from the shared cache directory\n`);
    } else {
      if (binary) {
        mkdirSync(dirname(binary), { recursive: true });
        writeFileSync(binary, 'terraform double provider\n');
      }
      ctx.out(
        `- Installing ${source.short} v${version}...\n- Installed ${source.short} v${version} (signed by HashiCorp)\n`,
      );
    }
    lock.push(`provider "${source.fullName}" {\n  version = "${version}"\n}\n`);
  }
  writeFileSync(
    join(ctx.cwd, '.terraform.lock.hcl'),
    `# This file is maintained automatically by "${ctx.brand.cmd} init".\n\n${lock.join('\n')}`,
  );
  writeInitMarker(ctx.cwd, config.backend);
  ctx.out(`\n${ctx.brand.name} has been successfully initialized!\n`);
  return 0;
}
