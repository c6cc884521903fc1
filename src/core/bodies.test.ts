import { describe, expect, it } from 'vitest';
import { bodiesOf, stageLabelOf } from './bodies.js';

describe('the bodies of a budget', () => {
  it('tells a Kreis from its running header or name, in any of the forms Kreise use', () => {
    for (const name of [
      'Kreishaushalt',
      'Kreis Coesfeld',
      'Rhein-Kreis Neuss',
      'Hochsauerlandkreis',
      'Märkischer Kreis',
    ])
      expect(bodiesOf(name).council, name).toBe('Kreistag');
    expect(stageLabelOf('beschluss', bodiesOf('Beispielhaushalt', 'Kreishaushalt'))).toBe(
      'Beschluss des Kreistags',
    );
    expect(stageLabelOf('bestaetigt', bodiesOf('Kreis Wesel'))).toBe('Vom Landrat bestätigter Entwurf');
  });

  it('gives a Gemeinde its Rat and Bürgermeister, also a Kreisstadt or a kreisfreie Stadt', () => {
    for (const name of [
      'Stadt Münster',
      'Haushaltsplan 2026',
      'Kreisstadt Siegburg',
      'Kreisfreie Stadt Köln',
      undefined,
    ])
      expect(bodiesOf(name).council, String(name)).toBe('Rat');
    expect(stageLabelOf('beschluss', bodiesOf('Stadt Moers'))).toBe('Beschluss des Rates');
    expect(stageLabelOf('bestaetigt', bodiesOf('Stadt Moers'))).toBe('Vom Bürgermeister bestätigter Entwurf');
    expect(stageLabelOf('entwurf', bodiesOf('Kreishaushalt'))).toBe('Entwurf der Kämmerei');
  });

  it('knows the Landschaftsverbände and the Städteregion', () => {
    expect(bodiesOf('Landschaftsverband Rheinland').council).toBe('Landschaftsversammlung');
    expect(bodiesOf('Städteregion Aachen').council).toBe('Städteregionstag');
  });
});
