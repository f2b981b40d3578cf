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
