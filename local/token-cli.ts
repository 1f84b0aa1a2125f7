import { parseArgs } from 'node:util';
import { isRole } from '#lib/auth/roles.ts';
import { signDevToken } from './dev-tokens.ts';
import { defaultDataDir, loadLocalSecrets } from './local-secrets.ts';

/**
 * `npm run token -- --role inspector --jurisdiction hlj/hegang/dongshan` or `--role mine_user --mine <mineId>`:
 * prints a dev token for the local runtime, alone on the last line so scripts can take it with `tail -n 1`.
 */
const { values } = parseArgs({
  options: {
    role: { type: 'string' },
    jurisdiction: { type: 'string' },
    mine: { type: 'string' },
    sub: { type: 'string' },
    name: { type: 'string' },
    'expires-in': { type: 'string' },
  },
});

if (!isRole(values.role)) {
  console.error(
    'Usage: npm run token -- --role <bureau_admin|inspector|legal_reviewer|mine_user|partner_dept> [--jurisdiction hlj/hegang/dongshan] [--mine <mineId>]',
  );
  process.exit(2);
}
try {
  const { jwtSecret } = loadLocalSecrets(defaultDataDir());
  const token = await signDevToken(jwtSecret, {
    role: values.role,
    ...(values.jurisdiction ? { jurisdiction: values.jurisdiction } : {}),
    ...(values.mine ? { mineId: values.mine } : {}),
    ...(values.sub ? { sub: values.sub } : {}),
    ...(values.name ? { name: values.name } : {}),
    ...(values['expires-in'] ? { expiresIn: values['expires-in'] } : {}),
  });
  console.log(token);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
