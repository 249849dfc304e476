import * as arg from './args';
import { ChaincodeError, type Context } from './context';
import { tx, type ContractDef } from './registry';
import {
  createWallet, emit, getParam, isCountryInitialized, isWellKnownParam, key, mustGet, newWallet, now, putParam,
  type CountryRecord, type ParamRecord, type UserRecord,
} from './state';

async function bootstrapSystem(ctx: Context) {
  if ((await getParam(ctx, 'SYSTEM_BOOTSTRAPPED')) === 'true') throw new ChaincodeError('System is already bootstrapped');
  await putParam(ctx, 'SYSTEM_BOOTSTRAPPED', 'true');
  if ((await getParam(ctx, 'SYSTEM_STATUS')) === undefined) await putParam(ctx, 'SYSTEM_STATUS', 'ACTIVE');
  emit(ctx, 'SystemBootstrapped', {});
}

function parseCountries(countriesJson: string): CountryRecord[] {
  const list = arg.json('countriesJson', countriesJson);
  if (!Array.isArray(list) || list.length < 1 || list.length > 300) throw new ChaincodeError('countriesJson must be a JSON array of 1-300 countries');
  const seen = new Set<string>();
  return list.map((item, i) => {
    if (typeof item !== 'object' || item === null) throw new ChaincodeError(`countriesJson[${i}] must be an object`);
    const { code, name, region } = item as Record<string, unknown>;
    if (typeof code !== 'string') throw new ChaincodeError(`countriesJson[${i}].code must be a country code`);
    const cc = arg.countryCode(`countriesJson[${i}].code`, code);
    if (typeof name !== 'string') throw new ChaincodeError(`countriesJson[${i}].name must be a string`);
    arg.text(`countriesJson[${i}].name`, name, 1, 100);
    if (region !== undefined && region !== null && (typeof region !== 'string' || region.length < 1 || region.length > 100)) {
      throw new ChaincodeError(`countriesJson[${i}].region must be a string of 1-100 characters`);
    }
    if (seen.has(cc)) throw new ChaincodeError(`countriesJson lists ${cc} twice`);
    seen.add(cc);
    return { countryCode: cc, countryName: name, region: (region as string | undefined) ?? null };
  });
}

async function initializeCountryData(ctx: Context, countriesJson: string) {
  const countries = parseCountries(countriesJson);
  for (const country of countries) {
    await ctx.putJson(key.country(country.countryCode), country);
    await putParam(ctx, `COUNTRY_${country.countryCode}_INITIALIZED`, 'true');
    emit(ctx, 'CountryDataInitialized', { countryCode: country.countryCode, countryName: country.countryName, region: country.region });
  }
  return { initialized: countries.length };
}

async function updateSystemParameter(ctx: Context, paramId: string, newValue: string) {
  arg.id('paramId', paramId);
  arg.text('newValue', newValue, 0, 1024);
  if (isWellKnownParam(paramId)) throw new ChaincodeError(`${paramId} is a well-known parameter and cannot be updated directly`);
  await putParam(ctx, paramId, newValue);
  emit(ctx, 'SystemParameterUpdated', { paramKey: paramId, paramValue: newValue });
}

async function pauseSystem(ctx: Context, reason: string) {
  arg.text('reason', reason, 1, 256);
  if ((await getParam(ctx, 'SYSTEM_STATUS')) === 'PAUSED') throw new ChaincodeError('System is already paused');
  await putParam(ctx, 'SYSTEM_STATUS', 'PAUSED');
  await putParam(ctx, 'SYSTEM_PAUSE_REASON', reason);
  emit(ctx, 'SystemPaused', { reason });
}

async function resumeSystem(ctx: Context) {
  if ((await getParam(ctx, 'SYSTEM_STATUS')) !== 'PAUSED') throw new ChaincodeError('System is not paused');
  await putParam(ctx, 'SYSTEM_STATUS', 'ACTIVE');
  await ctx.deleteState(key.param('SYSTEM_PAUSE_REASON'));
  emit(ctx, 'SystemResumed', {});
}

async function appointAdmin(ctx: Context, newAdminId: string) {
  arg.id('newAdminId', newAdminId);
  const user = await mustGet<UserRecord>(ctx, key.user(newAdminId), `User ${newAdminId}`);
  if (user.role !== 'SUPER_ADMIN') user.role = 'ADMIN';
  await ctx.putJson(key.user(newAdminId), user);
  emit(ctx, 'AdminAppointed', { adminId: newAdminId });
}

async function activateTreasury(ctx: Context, countryCodeArg: string) {
  const cc = arg.countryCode('countryCode', countryCodeArg);
  if (!(await isCountryInitialized(ctx, cc))) throw new ChaincodeError(`Country ${cc} is not initialized`);
  if ((await getParam(ctx, `TREASURY_${cc}_STATUS`)) === 'ACTIVE') throw new ChaincodeError(`Treasury of ${cc} is already active`);
  await putParam(ctx, `TREASURY_${cc}_STATUS`, 'ACTIVE');
  emit(ctx, 'TreasuryActivated', { countryCode: cc });
  if (!(await ctx.getState(key.wallet(`treasury_${cc}`)))) await createWallet(ctx, newWallet(`treasury_${cc}`, now(ctx)));
}

export const AdminContract: ContractDef = {
  name: 'AdminContract',
  functions: {
    BootstrapSystem: tx([], bootstrapSystem),
    InitializeCountryData: tx(['countriesJson'], initializeCountryData),
    UpdateSystemParameter: tx(['paramId', 'newValue'], updateSystemParameter),
    PauseSystem: tx(['reason'], pauseSystem),
    ResumeSystem: tx([], resumeSystem),
    AppointAdmin: tx(['newAdminId'], appointAdmin),
    ActivateTreasuryAccount: tx(['countryCode'], activateTreasury),
    GetSystemParameter: tx(['paramId'], (ctx, id) => mustGet<ParamRecord>(ctx, key.param(arg.id('paramId', id)), `System parameter ${id}`)),
    GetCountry: tx(['countryCode'], (ctx, cc) => mustGet<CountryRecord>(ctx, key.country(arg.countryCode('countryCode', cc)), `Country ${cc}`)),
  },
};
