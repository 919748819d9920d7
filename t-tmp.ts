import { hasTooManyCombiningMarks, isWellFormed } from './lib/unicode';
const prose = 'Le chômage a baissé de 3 % « selon l’Insee ». '.repeat(4347);
const marks = ('e' + '\u0301\u0327'.repeat(15)).repeat(6451);
const a = 'a'.repeat(200000);
for (const [n,t] of Object.entries({prose, marks, a})) { for (let r=0;r<3;r++){ let s=performance.now(); const x=hasTooManyCombiningMarks(t); const m=performance.now()-s; s=performance.now(); isWellFormed(t); console.log(n, r, x, m.toFixed(2), (performance.now()-s).toFixed(2)); } }
