import { chromium, defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * e2e tests run in a real Chromium against the built app (`npm run build`, then `vite preview`).
 * No browser download: CHROMIUM_PATH, else Debian's /usr/bin/chromium, else Playwright's own
 * bundled Chromium if one happens to be installed.
 */
function findChromium(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (existsSync(fromEnv)) return fromEnv;
    throw new Error(`CHROMIUM_PATH is set to ${fromEnv}, but there is no file there. Point it at a Chromium or Chrome binary.`);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const bundled = bundledChromium();
  if (bundled && existsSync(bundled)) return bundled;
  throw new Error(
    'No Chromium found for the e2e tests. Install one (Debian/Ubuntu: `apt-get install -y chromium`) ' +
      'or set CHROMIUM_PATH to a Chromium/Chrome binary.',
  );
}

/** Playwright's own Chromium, if its version was ever installed (never downloaded here). */
function bundledChromium(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}

const CI = Boolean(process.env.CI);
// E2E_PORT and E2E_OUTDIR let several checkouts' suites (or helpers) run side by side:
// build with `npx vite build --outDir $E2E_OUTDIR`, then run with both set.
const PORT = Number(process.env.E2E_PORT ?? 4173);
const OUT_DIR = process.env.E2E_OUTDIR ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  outputDir: process.env.E2E_OUTDIR ? `test-results-${process.env.E2E_OUTDIR}` : 'test-results',
  reporter: 'list',
  // Retries off: a spec that needs a retry is a flaky spec (it must wait for states, not time).
  retries: 0,
  workers: 1,
  fullyParallel: false,
  forbidOnly: CI,
  // The machine is slow: be generous.
  timeout: 90_000,
  expect: { timeout: 20_000 },
  use: {
    baseURL: `http://localhost:${PORT}`,
    actionTimeout: 20_000,
    navigationTimeout: 45_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: findChromium(),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${OUT_DIR}`,
    url: `http://localhost:${PORT}`,
    reuseExistingServer: !CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
