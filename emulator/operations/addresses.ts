import { COUNTRY_ALIASES, POSTAL_CODE, US_STATES, serviceableCountries } from '../catalog';
import { ApiError } from '../errors';
import type { AddressRecord } from '../model';
import { viewKeyOf } from '../regions';
import { address } from '../shapes';
import type { Operation } from './context';
import { pageOf, requireAddress } from './context';

/**
 * CreateAddress validates the address when it is created, as the API reference says "in most regions":
 * an address a carrier could not deliver to is InvalidAddressException, one outside the region's
 * serviceable area UnsupportedAddressException.
 */
const invalidAddress = (problem: string): ApiError =>
  new ApiError('InvalidAddressException', `The address is not valid: ${problem}. Correct it and try again.`);

const REQUIRED = ['Name', 'Street1', 'City', 'Country', 'PostalCode', 'PhoneNumber'] as const;

function checkAddress(
  region: string,
  given: Record<string, unknown>,
): Omit<AddressRecord, 'AddressId' | 'region'> {
  const missing = REQUIRED.filter((m) => typeof given[m] !== 'string' || !(given[m] as string).trim());
  if (missing.length > 0)
    throw invalidAddress(`${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing`);
  const raw = (given.Country as string).trim().toUpperCase();
  const country = COUNTRY_ALIASES[raw] ?? raw;
  if (!/^[A-Z]{2}$/.test(country))
    throw invalidAddress(`Country '${String(given.Country)}' is not an ISO 3166 country code`);
  const postal = (given.PostalCode as string).trim();
  const format = POSTAL_CODE[country];
  if (format && !format.test(postal))
    throw invalidAddress(`PostalCode '${postal}' is not a postal code of ${country}`);
  const state =
    typeof given.StateOrProvince === 'string' ? given.StateOrProvince.trim().toUpperCase() : undefined;
  if (country === 'US' && (!state || !US_STATES.has(state))) {
    throw invalidAddress('StateOrProvince must be the two-letter code of a US state');
  }
  const digits = (given.PhoneNumber as string).replace(/\D/g, '');
  if (digits.length < 7 || digits.length > 15) throw invalidAddress('PhoneNumber must have 7 to 15 digits');
  const served = serviceableCountries(region);
  if (!served.includes(country)) {
    throw new ApiError(
      'UnsupportedAddressException',
      `Snow devices ordered in ${region} ship to ${served.length ? served.join(', ') : 'no country'}; an address in ${country} is outside the serviceable area. Create the job in a region that serves ${country}.`,
    );
  }
  const record: Omit<AddressRecord, 'AddressId' | 'region'> = {
    Name: (given.Name as string).trim(),
    Street1: (given.Street1 as string).trim(),
    City: (given.City as string).trim(),
    Country: country,
    PostalCode: postal,
    PhoneNumber: (given.PhoneNumber as string).trim(),
    IsRestricted: given.IsRestricted === true,
    Type: given.Type === 'CUST_PICKUP' ? 'CUST_PICKUP' : 'AWS_SHIP',
  };
  if (typeof given.Company === 'string') record.Company = given.Company;
  if (typeof given.Street2 === 'string') record.Street2 = given.Street2;
  if (typeof given.Street3 === 'string') record.Street3 = given.Street3;
  if (state) record.StateOrProvince = country === 'US' ? state : (given.StateOrProvince as string).trim();
  // PrefectureOrDistrict and Landmark are "no longer used and the value is ignored".
  return record;
}

export const createAddress: Operation = (ctx, input) => {
  const given = (input.Address ?? {}) as Record<string, unknown>;
  const record: AddressRecord = {
    ...checkAddress(ctx.region, given),
    AddressId: `ADID${ctx.ids.uuid()}`,
    region: ctx.region,
  };
  ctx.store.addAddress(record);
  return { AddressId: record.AddressId };
};

export const describeAddress: Operation = (ctx, input) => ({
  Address: address(requireAddress(ctx, String(input.AddressId))),
});

/** In a US region, the addresses of all four US regions (the API reference). */
export const describeAddresses: Operation = (ctx, input) => {
  const page = pageOf(
    ctx,
    ctx.store.addressesInView(ctx.region),
    `DescribeAddresses|${viewKeyOf(ctx.region)}`,
    input,
  );
  return { Addresses: page.items.map(address), NextToken: page.nextToken };
};

export const listPickupLocations: Operation = (ctx, input) => {
  const page = pageOf(
    ctx,
    ctx.store.addressesInView(ctx.region, true),
    `ListPickupLocations|${viewKeyOf(ctx.region)}`,
    input,
  );
  return { Addresses: page.items.map(address), NextToken: page.nextToken };
};
