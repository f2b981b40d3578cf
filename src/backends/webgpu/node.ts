/**
 * WebGPU in Node through Dawn (npm package `webgpu`). Node-only: browser code must not import it.
 *
 * On a machine without a Vulkan GPU driver Dawn finds no adapter; if Chromium's SwiftShader ICD
 * (a CPU implementation of Vulkan) is installed and VK_ICD_FILENAMES is unset, we point the Vulkan
 * loader at it and try again (the loader rereads the variable for every new instance), and say so
 * in `note`. A real GPU is always tried first.
 *
 * Dawn zero-initialises workgroup memory (WebGPU requires it). By default it asks Vulkan to do it
 * (VK_KHR_zero_initialize_workgroup_memory), which SwiftShader compiles into one store per element
 * per invocation: 3–4 s per pipeline for our 12 KiB reduction tiles. With that toggle off Dawn
 * emits the same zeroing as a strided loop in the shader instead (~80 ms), with the same result.
 */
import { existsSync, readdirSync } from 'node:fs';

/**
 * Whether this machine has a GPU device node a hardware Vulkan driver could use (Linux: a DRM render
 * node, NVIDIA's device files, or WSL's /dev/dxg). Elsewhere (macOS, Windows) we cannot tell, so yes.
 */
export function hasGpuDeviceNode(): boolean {
  if (process.platform !== 'linux') return true;
  if (existsSync('/dev/nvidiactl') || existsSync('/dev/nvidia0') || existsSync('/dev/dxg')) return true;
  try {
    return readdirSync('/dev/dri').some((f) => f.startsWith('renderD'));
  } catch {
    return false;
  }
}

/** Where Debian's chromium package installs SwiftShader's Vulkan ICD. */
export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

export interface NodeGpu {
  readonly gpu: GPU;
  readonly note?: string;
}

export const DAWN_OPTIONS = ['disable-dawn-features=use_vulkan_zero_initialize_workgroup_memory_extension'];

export async function createNodeGpu(): Promise<NodeGpu> {
  // The Vulkan loader and Mesa's drivers complain on stderr when XDG_RUNTIME_DIR is unset (CI,
  // containers); a private temporary directory silences that without changing anything else.
  if (!process.env.XDG_RUNTIME_DIR) {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    process.env.XDG_RUNTIME_DIR = mkdtempSync(join(tmpdir(), 'limits-lab-xdg-'));
  }
  const { create, globals } = await import('webgpu');
  // GPUBufferUsage, GPUShaderStage, GPUMapMode … as in a browser.
  Object.assign(globalThis, globals);
  const swiftShaderNote = `no Vulkan GPU adapter; using SwiftShader (CPU Vulkan, VK_ICD_FILENAMES=${SWIFTSHADER_ICD})`;
  // No GPU device at all: go straight to SwiftShader (probing Mesa's software drivers first only
  // prints warnings).
  if (!process.env.VK_ICD_FILENAMES && !hasGpuDeviceNode() && existsSync(SWIFTSHADER_ICD)) {
    process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    return { gpu: create(DAWN_OPTIONS), note: swiftShaderNote };
  }
  const gpu = create(DAWN_OPTIONS);
  if (process.env.VK_ICD_FILENAMES || !existsSync(SWIFTSHADER_ICD)) return { gpu };
  if (await gpu.requestAdapter()) return { gpu };
  process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  return { gpu: create(DAWN_OPTIONS), note: swiftShaderNote };
}
