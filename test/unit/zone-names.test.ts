import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { zoneNamed } from '../../src/time/zone-names.js';

describe('zoneNamed: the zone a guest typed', () => {
  it('takes zone names in any case, and the city part of a zone id', () => {
    assert.equal(zoneNamed('Europe/Berlin'), 'Europe/Berlin');
    assert.equal(zoneNamed('asia/tokyo'), 'Asia/Tokyo');
    assert.equal(zoneNamed('berlin'), 'Europe/Berlin');
    assert.equal(zoneNamed(' New York '), 'America/New_York');
    assert.equal(zoneNamed('Asia/Calcutta'), 'Asia/Calcutta');
  });

  it('folds accents and separators: São Paulo, Sao Paulo, sao-paulo', () => {
    for (const typed of ['São Paulo', 'Sao Paulo', 'sao-paulo', 'SÃO PAULO'])
      assert.equal(zoneNamed(typed), 'America/Sao_Paulo', typed);
  });

  it('knows common cities that are not zone ids', () => {
    const cities: Record<string, string> = {
      'San Francisco': 'America/Los_Angeles',
      Seattle: 'America/Los_Angeles',
      Boston: 'America/New_York',
      Delhi: 'Asia/Kolkata',
      'New Delhi': 'Asia/Kolkata',
      Mumbai: 'Asia/Kolkata',
      Beijing: 'Asia/Shanghai',
      münchen: 'Europe/Berlin',
    };
    for (const [typed, zone] of Object.entries(cities)) assert.equal(zoneNamed(typed), zone, typed);
  });

  it('maps abbreviations to zones that keep daylight saving, not fixed offsets', () => {
    const abbreviations: Record<string, string> = {
      PST: 'America/Los_Angeles',
      PDT: 'America/Los_Angeles',
      pt: 'America/Los_Angeles',
      EST: 'America/New_York',
      edt: 'America/New_York',
      CST: 'America/Chicago',
      MST: 'America/Denver',
      CET: 'Europe/Paris',
      CEST: 'Europe/Paris',
      IST: 'Asia/Kolkata',
      JST: 'Asia/Tokyo',
      AEST: 'Australia/Sydney',
    };
    for (const [typed, zone] of Object.entries(abbreviations)) assert.equal(zoneNamed(typed), zone, typed);
    // A zone that keeps daylight saving: New York is UTC-4 in July, where the fixed EST would say UTC-5.
    const offset = new Intl.DateTimeFormat('en', { timeZone: zoneNamed('EST'), timeZoneName: 'shortOffset' })
      .formatToParts(Date.UTC(2030, 6, 1))
      .find((part) => part.type === 'timeZoneName')!.value;
    assert.equal(offset, 'GMT-4');
  });

  it('understands generic names, in the widget’s language where Intl gives them', () => {
    assert.equal(zoneNamed('Pacific Time'), 'America/Los_Angeles');
    assert.equal(zoneNamed('pacific time'), 'America/Los_Angeles');
    assert.equal(zoneNamed('Eastern Time'), 'America/New_York');
    assert.equal(zoneNamed('Japan Standard Time'), 'Asia/Tokyo');
    assert.equal(zoneNamed('Nordamerikanische Westküstenzeit', 'de'), 'America/Los_Angeles');
    assert.equal(
      zoneNamed('Mitteleuropäische Normalzeit', 'de'),
      'Europe/Paris',
      'not Lisbon, whose name it was in 1970',
    );
    assert.equal(zoneNamed('heure du Pacifique nord-américain', 'fr-FR'), 'America/Los_Angeles');
  });

  it('refuses what it does not know', () => {
    for (const typed of ['Atlantis', '', 'Time', '12']) assert.equal(zoneNamed(typed), undefined, typed);
  });
});
