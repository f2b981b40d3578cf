/**
 * The Node WebGPU (Dawn; SwiftShader when there is no GPU) shared by this folder's tests: one GPU
 * object per test file (vitest forks a process per file).
 */
import { createNodeGpu, type NodeGpu } from '../../src/backends/webgpu/node.ts';

let shared: Promise<NodeGpu> | undefined;

export function testGpu(): Promise<NodeGpu> {
  shared ??= createNodeGpu();
  return shared;
}

let sharedDevice: Promise<GPUDevice> | undefined;

/** The shared Node GPU's device (one per test file); `purpose` names the test in the error when there is no adapter. */
export function testDevice(purpose = 'the parity test'): Promise<GPUDevice> {
  sharedDevice ??= (async () => {
    const { gpu } = await testGpu();
    const adapter = await gpu.requestAdapter();
    if (!adapter) throw new Error(`no WebGPU adapter (Dawn/SwiftShader) for ${purpose}`);
    return adapter.requestDevice();
  })();
  return sharedDevice;
}
