/** Convergence in law at T = 1 (acceptance, issue 15 §2): see convergenceCases.ts. */
import { describeConvergence } from '../../../test/archs/attention/convergenceCases.ts';

// Networks per width: more where they are cheap (the cost is ∝ n·M); SDE paths shared by all widths.
describeConvergence({ T: 1, widths: [8, 16, 32, 64, 256], M: [4000, 4000, 3000, 3000, 1500], paths: 8000 });
