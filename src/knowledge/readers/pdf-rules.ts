import type { PdfRule } from './pdf-layout.ts';

type Matrix = [number, number, number, number, number, number];

/** pdf.js 5 path commands inside a constructPath operation (DrawOPS). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_CURVE_TO = 3;
const CLOSE_PATH = 4;
/** A drawn segment or filled box at most this wide (PDF points) and at least this tall is a vertical rule. */
const MAX_RULE_WIDTH = 2.5;
const MIN_RULE_HEIGHT = 4;

// pdf.js 5 calls ArrayBuffer.prototype.transferToFixedLength (ES2024, Node ≥ 21) while building operator lists;
// on Node 20 the page's drawing is then silently cut off after the clip path. Same semantics as the standard.
const bufferPrototype = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (length?: number) => ArrayBuffer };
if (!bufferPrototype.transferToFixedLength) {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length?: number) {
      const copy = new ArrayBuffer(length ?? this.byteLength);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(this.byteLength, copy.byteLength)));
      return copy;
    },
  });
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [m[0] * n[0] + m[2] * n[1], m[1] * n[0] + m[3] * n[1], m[0] * n[2] + m[2] * n[3], m[1] * n[2] + m[3] * n[3], m[0] * n[4] + m[2] * n[5] + m[4], m[1] * n[4] + m[3] * n[5] + m[5]];
}

interface OperatorList {
  fnArray: number[];
  argsArray: unknown[];
}

/**
 * Vertical lines drawn on a page (table cell borders), in page space: from the page's operator list, following
 * save/restore/transform. Each sub-path whose bounding box is thin and tall counts (a stroked line or a filled
 * hairline box, as Word, WPS and LibreOffice draw cell borders).
 */
export function verticalRules(list: OperatorList, ops: Record<string, number>): PdfRule[] {
  const rules: PdfRule[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  for (let i = 0; i < list.fnArray.length; i++) {
    const fn = list.fnArray[i];
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === ops.save) stack.push(ctm);
    else if (fn === ops.restore) ctm = stack.pop() ?? ctm;
    else if (fn === ops.transform && args) ctm = multiply(ctm, args as Matrix);
    else if (fn === ops.paintFormXObjectBegin && args) {
      stack.push(ctm);
      if (Array.isArray(args[0]) && args[0].length === 6) ctm = multiply(ctm, args[0] as Matrix);
    } else if (fn === ops.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === ops.constructPath && args) {
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (data) rules.push(...pathRules(data, ctm));
    }
  }
  return rules;
}

/** An axis-aligned rectangle (a cell drawn or shaded as a box): every corner on its bounding box's edges. */
function isBox(xs: number[], ys: number[], left: number, right: number, bottom: number, top: number): boolean {
  const near = (a: number, b: number) => Math.abs(a - b) < 0.5;
  return xs.length >= 4 && xs.length <= 5 && xs.every((x, i) => (near(x, left) || near(x, right)) && (near(ys[i], bottom) || near(ys[i], top)));
}

function pathRules(data: ArrayLike<number>, ctm: Matrix): PdfRule[] {
  const rules: PdfRule[] = [];
  let xs: number[] = [];
  let ys: number[] = [];
  const point = (x: number, y: number) => {
    xs.push(ctm[0] * x + ctm[2] * y + ctm[4]);
    ys.push(ctm[1] * x + ctm[3] * y + ctm[5]);
  };
  const flush = () => {
    if (xs.length >= 2) {
      const left = Math.min(...xs);
      const right = Math.max(...xs);
      const bottom = Math.min(...ys);
      const top = Math.max(...ys);
      if (top - bottom >= MIN_RULE_HEIGHT) {
        if (right - left <= MAX_RULE_WIDTH) rules.push({ x: (left + right) / 2, bottom, top });
        else if (isBox(xs, ys, left, right, bottom, top)) rules.push({ x: left, bottom, top }, { x: right, bottom, top });
      }
    }
    xs = [];
    ys = [];
  };
  for (let i = 0; i < data.length; ) {
    const command = data[i++];
    if (command === MOVE_TO) {
      flush();
      point(data[i++], data[i++]);
    } else if (command === LINE_TO) point(data[i++], data[i++]);
    else if (command === CURVE_TO) {
      for (let k = 0; k < 3; k++) point(data[i++], data[i++]);
    } else if (command === QUADRATIC_CURVE_TO) {
      for (let k = 0; k < 2; k++) point(data[i++], data[i++]);
    } else if (command === CLOSE_PATH) continue;
    else break;
  }
  flush();
  return rules;
}
