#!/usr/bin/env node
// Makes sure the test machine has what `npm test` needs, installing it when missing (Debian, root):
//   - Debian's Chromium (/usr/bin/chromium), driven by Playwright (its own browser download cannot
//     work here: no internet but the npm registry and Debian packages);
//   - libvulkan1 + Chromium's SwiftShader ICD, so WebGPU runs on the CPU in Node (Dawn) and Chromium.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = '/usr/bin/chromium';
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

function hasVulkanLoader() {
  try {
    return execSync('ldconfig -p', { encoding: 'utf8' }).includes('libvulkan.so.1');
  } catch {
    return false;
  }
}

export function missing() {
  const m = [];
  if (!existsSync(CHROMIUM) || !existsSync(SWIFTSHADER_ICD)) m.push('chromium');
  if (!hasVulkanLoader()) m.push('libvulkan1');
  return m;
}

const need = missing();
if (need.length === 0) {
  console.log(`ensure-browser: ${CHROMIUM} and the Vulkan loader are present`);
} else {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const cmd = `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${need.join(' ')}`;
  if (!isRoot) {
    console.error(`ensure-browser: missing ${need.join(', ')}; run as root: ${cmd}`);
    process.exit(1);
  }
  console.log(`ensure-browser: installing ${need.join(', ')} from Debian (one time)…`);
  execSync(cmd, { stdio: 'inherit', shell: '/bin/bash' });
  const still = missing();
  if (still.length > 0) {
    console.error(`ensure-browser: still missing after apt-get: ${still.join(', ')}`);
    process.exit(1);
  }
}
