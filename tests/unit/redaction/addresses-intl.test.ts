import { describe, expect, it } from 'vitest';
import { valuesOfType } from './values-of-type';

const addresses = valuesOfType('ADDRESS');

describe('addresses outside the US, anchored on a national postcode', () => {
  it.each([
    ['UK', 'Send the forms to 7 Cranbrook Mews, Bristol BS6 7TQ please.', '7 Cranbrook Mews, Bristol BS6 7TQ'],
    ['Canada', "It's 88 Boulevard Laurier, Gatineau, Quebec J8X 4C5.", '88 Boulevard Laurier, Gatineau, Quebec J8X 4C5'],
    ['Canada, unit first', 'Apartment 1204, 55 Bloor Street West, Toronto M4W 1A5', 'Apartment 1204, 55 Bloor Street West, Toronto M4W 1A5'],
    ['Australia', 'Deliver it to Unit 6, 14 Banksia Parade, Toowong QLD 4066.', 'Unit 6, 14 Banksia Parade, Toowong QLD 4066'],
    ['Australia, spoken postcode', 'my place is nine Coral Tree Crescent, Mosman, New South Wales, two oh eight eight', 'nine Coral Tree Crescent, Mosman, New South Wales, two oh eight eight'],
    ['Ireland', 'Post it to 3 Ashgrove Close, Naas, Co. Kildare W91 K2P4.', '3 Ashgrove Close, Naas, Co. Kildare W91 K2P4'],
    ['Germany', 'Meine Adresse: Lindenstraße 45, 04109 Leipzig.', 'Lindenstraße 45, 04109 Leipzig'],
    ['Germany, written Strasse', 'I live at Birkenweg 3a, 80331 München.', 'Birkenweg 3a, 80331 München'],
    ['France', 'My address is 22 Rue Victor Hugo, 69002 Lyon.', '22 Rue Victor Hugo, 69002 Lyon'],
    ['Spain', 'Send it to Avenida de la Paz 17, 2º B, 41004 Sevilla.', 'Avenida de la Paz 17, 2º B, 41004 Sevilla'],
    ['Netherlands', 'My home address is Prinsengracht 402, 1017 KH Amsterdam.', 'Prinsengracht 402, 1017 KH Amsterdam'],
    ['India', 'Ship to House 27, 5th Main Road, Jayanagar, Bengaluru 560041.', 'House 27, 5th Main Road, Jayanagar, Bengaluru 560041'],
    ['India, block number', 'Home address is C-9 Defence Colony, New Delhi 110024.', 'C-9 Defence Colony, New Delhi 110024'],
  ])('%s', (_, text, expected) => {
    expect(addresses(text)).toEqual([expected]);
  });

  it('reads an address whose postcode is said in the next turn', () => {
    expect(addresses('The billing address is 5 Quai Saint-Pierre,\n06400 Cannes.')).toEqual(['5 Quai Saint-Pierre', '06400 Cannes']);
  });

  it.each([
    'Our office is 12 Hauptstraße, 10115 Berlin.',
    'The zip code is 10115.',
    'We have 25000 users in 3 regions.',
    'Version 10.2 shipped to 40000 customers in Madrid.',
    'The conference is at 1 Rue de Rivoli, 75001 Paris, in the hotel ballroom.',
    'Order 55012 ships from warehouse 4, 10115 Berlin.',
    'Postcode M4W 1A5 is all I need for the quote.',
    "That's forty per user, so for three hundred users it's twelve thousand a month.",
    'Sixteen twenty works, or seventeen hundred if that suits you.',
  ])('leaves "%s" alone', (text) => {
    expect(addresses(text)).toEqual([]);
  });
});
