// Zod, as every module imports it (`import { z } from './zod'`). In the browser Zod
// must not compile validators with `new Function`: the Content-Security-Policy forbids
// eval (lib/security/headers.ts), and even Zod's probe for it is reported as a
// violation. On the server, where no policy applies, it keeps its faster compiled path.
import { z } from 'zod';

if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
