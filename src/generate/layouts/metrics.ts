/**
 * Text widths in Liberation Sans (metric-compatible with Arial and Helvetica), the font both producers are told
 * to use: advance widths per 1000 units of the em for regular and bold, from the Helvetica AFM metrics that
 * Liberation Sans reproduces. Used to size table columns so that no producer wraps a cell on its own (every
 * line break of a printed plan is the renderer's). Unknown characters count as wide.
 */

const REGULAR: Readonly<Record<string, number>> = widths(
  '! 278 " 355 # 556 $ 556 % 889 & 667 \' 191 ( 333 ) 333 * 389 + 584 , 278 - 333 . 278 / 278 : 278 ; 278 ' +
    '< 584 = 584 > 584 ? 556 @ 1015 A 667 B 667 C 722 D 722 E 667 F 611 G 778 H 722 I 278 J 500 K 667 L 556 ' +
    'M 833 N 722 O 778 P 667 Q 778 R 722 S 667 T 611 U 722 V 667 W 944 X 667 Y 667 Z 611 [ 278 ] 278 _ 556 ' +
    'a 556 b 556 c 500 d 556 e 556 f 278 g 556 h 556 i 222 j 222 k 500 l 222 m 833 n 556 o 556 p 556 q 556 ' +
    'r 333 s 500 t 278 u 556 v 500 w 722 x 500 y 500 z 500 Ä 667 Ö 778 Ü 722 ä 556 ö 556 ü 556 ß 611 é 556 ' +
    '€ 556 – 556 „ 333 “ 333 ” 333 § 556',
);

const BOLD: Readonly<Record<string, number>> = widths(
  '! 333 " 474 # 556 $ 556 % 889 & 722 \' 238 ( 333 ) 333 * 389 + 584 , 278 - 333 . 278 / 278 : 333 ; 333 ' +
    '< 584 = 584 > 584 ? 611 @ 975 A 722 B 722 C 722 D 722 E 667 F 611 G 778 H 722 I 278 J 556 K 722 L 611 ' +
    'M 833 N 722 O 778 P 667 Q 778 R 722 S 667 T 611 U 722 V 667 W 944 X 667 Y 667 Z 611 [ 333 ] 333 _ 556 ' +
    'a 556 b 611 c 556 d 611 e 556 f 333 g 611 h 611 i 278 j 278 k 556 l 278 m 889 n 611 o 611 p 611 q 611 ' +
    'r 389 s 556 t 333 u 611 v 556 w 778 x 556 y 556 z 500 Ä 722 Ö 778 Ü 722 ä 556 ö 611 ü 611 ß 611 é 556 ' +
    '€ 556 – 556 „ 500 “ 500 ” 500 § 556',
);

function widths(table: string): Record<string, number> {
  const out: Record<string, number> = { ' ': 278 };
  const tokens = table.split(' ');
  for (let i = 0; i + 1 < tokens.length; i += 2) out[tokens[i]!] = Number(tokens[i + 1]);
  for (const digit of '0123456789') out[digit] = 556;
  return out;
}

/** Width of a text in points at `sizePt`, bold or regular. */
export function textWidth(text: string, sizePt: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += table[ch] ?? 1000;
  return (units * sizePt) / 1000;
}
