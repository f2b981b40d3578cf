// Sizes shared by the kernels, set per pipeline as override constants (never spliced into text).
// K: inputs per network (2 ≤ K ≤ MAX_K = 16, the spec's range of k).

override K: u32 = 2u;
const MAX_K: u32 = 16u;
