/** Small buffer helpers: sized creation, uniform tables with 256-byte entries, f32 readback. */
import { UNIFORM_STRIDE } from './chunkPlan.ts';

export function createBuffer(device: GPUDevice, label: string, bytes: number, usage: GPUBufferUsageFlags): GPUBuffer {
  // Storage bindings must be non-empty and 4-byte aligned; 16 covers every struct we bind.
  return device.createBuffer({ label, size: Math.max(16, Math.ceil(bytes / 4) * 4), usage });
}

export function storageBuffer(device: GPUDevice, label: string, bytes: number): GPUBuffer {
  return createBuffer(device, label, bytes, GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST);
}

export function uniformBuffer(device: GPUDevice, label: string, bytes: number): GPUBuffer {
  return createBuffer(device, label, bytes, GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST);
}

export function storageFrom(device: GPUDevice, label: string, data: Float32Array | Int32Array | Uint32Array): GPUBuffer {
  const buf = storageBuffer(device, label, data.byteLength);
  device.queue.writeBuffer(buf, 0, data.buffer, data.byteOffset, data.byteLength);
  return buf;
}

/**
 * A table of uniform structs, one per UNIFORM_STRIDE bytes (bound with a dynamic offset). Each
 * entry is written as u32 and f32 fields in declaration order.
 */
export class UniformTable {
  readonly bytes: ArrayBuffer;
  private readonly u32: Uint32Array;
  private readonly f32: Float32Array;

  constructor(readonly entries: number) {
    this.bytes = new ArrayBuffer(Math.max(1, entries) * UNIFORM_STRIDE);
    this.u32 = new Uint32Array(this.bytes);
    this.f32 = new Float32Array(this.bytes);
  }

  /** Write entry e: fields given as ['u', value] or ['f', value], in WGSL struct order. */
  set(e: number, fields: readonly (readonly ['u' | 'f', number])[]): void {
    const base = (e * UNIFORM_STRIDE) / 4;
    fields.forEach(([kind, v], i) => {
      if (kind === 'u') this.u32[base + i] = v >>> 0;
      else this.f32[base + i] = v;
    });
  }

  offset(e: number): number {
    return e * UNIFORM_STRIDE;
  }
}

/** A uniform struct of u32/f32 fields in one buffer. */
export function uniformStruct(device: GPUDevice, label: string, fields: readonly (readonly ['u' | 'f', number])[]): GPUBuffer {
  const t = new UniformTable(1);
  t.set(0, fields);
  const buf = uniformBuffer(device, label, Math.ceil((fields.length * 4) / 16) * 16);
  device.queue.writeBuffer(buf, 0, t.bytes, 0, buf.size);
  return buf;
}

/**
 * The per-network kernel outputs of a runner: K̂ of z and, when recorded, of φ(z) — `perNet` f32
 * values per network for up to `capacity` networks (φ's buffer is a 16-byte placeholder otherwise,
 * so that bind groups stay the same). `read` submits the encoder and reads back `count` networks.
 */
export function kernelOutputs(device: GPUDevice, capacity: number, perNet: number, recordPhi: boolean) {
  const bytes = capacity * perNet * 4;
  const z = storageBuffer(device, 'K̂ z', bytes);
  const phi = storageBuffer(device, 'K̂ φ', recordPhi ? bytes : 16);
  return {
    z,
    phi,
    async read(encoder: GPUCommandEncoder, count: number, abort?: Promise<never>): Promise<{ z: Float32Array; phi?: Float32Array }> {
      const used = count * perNet * 4;
      const [zs, phis] = await submitAndRead(device, encoder, [{ buffer: z, bytes: used }, ...(recordPhi ? [{ buffer: phi, bytes: used }] : [])], abort);
      return { z: zs, phi: phis };
    },
  };
}

/** Copy `bytes` of each source to a mappable buffer, submit with the encoder, and read them as f32. */
export async function submitAndRead(
  device: GPUDevice,
  encoder: GPUCommandEncoder,
  sources: readonly { buffer: GPUBuffer; bytes: number }[],
  abort?: Promise<never>,
): Promise<Float32Array[]> {
  const staging = sources.map(({ bytes }, i) =>
    createBuffer(device, `readback ${i}`, bytes, GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST),
  );
  sources.forEach(({ buffer, bytes }, i) => encoder.copyBufferToBuffer(buffer, 0, staging[i], 0, Math.ceil(bytes / 4) * 4));
  device.queue.submit([encoder.finish()]);
  try {
    const maps = Promise.all(staging.map((s) => s.mapAsync(GPUMapMode.READ)));
    maps.catch(() => undefined); // an abort wins the race; the destroyed buffers then reject here
    await (abort ? Promise.race([maps, abort]) : maps);
    return staging.map((s, i) => new Float32Array(s.getMappedRange().slice(0, sources[i].bytes)));
  } finally {
    for (const s of staging) s.destroy();
  }
}
