import * as arg from './args';
import { ChaincodeError, type Context } from './context';
import { tx, type ContractDef } from './registry';
import { createWallet, emit, isCountryInitialized, key, mustGet, newWallet, now, type UserRecord } from './state';

const PROFILE_FIELDS = ['firstName', 'lastName', 'phoneNum', 'identityNum'];

async function createUser(ctx: Context, userIdArg: string, biometricHash: string, nationalityArg: string, ageArg: string) {
  const userId = arg.id('userId', userIdArg);
  arg.id('biometricHash', biometricHash, 512);
  const nationality = arg.optionalCountry('nationality', nationalityArg);
  const age = arg.optionalInt('age', ageArg, 0, 200);
  if (await ctx.getState(key.user(userId))) throw new ChaincodeError(`User ${userId} already exists`);
  if (await ctx.getState(key.biometric(biometricHash))) throw new ChaincodeError('A user with this biometric hash already exists');
  if (nationality && !(await isCountryInitialized(ctx, nationality))) throw new ChaincodeError(`Country ${nationality} is not initialized`);
  if (age !== null && age < 18) throw new ChaincodeError('User must be at least 18 years old');
  const user: UserRecord = {
    userId, biometricHash, nationality, age, status: 'PENDING_VERIFICATION', role: 'USER',
    kycStatus: null, genesisDistributed: false, profile: {}, createdAt: now(ctx),
  };
  await ctx.putJson(key.user(userId), user);
  await ctx.putJson(key.biometric(biometricHash), userId);
  emit(ctx, 'UserCreated', { userId, countryCode: nationality ?? '', biometricHash });
  await createWallet(ctx, newWallet(userId, now(ctx)));
  return user;
}

async function updateUserProfile(ctx: Context, userId: string, changesJson: string) {
  arg.id('userId', userId);
  const changes = arg.json('changesJson', changesJson);
  if (typeof changes !== 'object' || changes === null || Array.isArray(changes)) throw new ChaincodeError('changesJson must be a JSON object');
  const clean: Record<string, string> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (!PROFILE_FIELDS.includes(field)) throw new ChaincodeError(`changesJson field ${field} is not updatable`);
    if (typeof value !== 'string') throw new ChaincodeError(`changesJson field ${field} must be a string`);
    clean[field] = value;
  }
  const user = await mustGet<UserRecord>(ctx, key.user(userId), `User ${userId}`);
  user.profile = { ...user.profile, ...clean };
  await ctx.putJson(key.user(userId), user);
  emit(ctx, 'UserProfileUpdated', { userId, changes: clean });
}

async function submitKyc(ctx: Context, userId: string, kycId: string, evidenceHash: string, evidenceSize: string, evidenceMime: string) {
  arg.id('userId', userId);
  arg.id('kycId', kycId);
  arg.id('evidenceHash', evidenceHash, 512);
  const size = arg.int('evidenceSize', evidenceSize, 0, 2_147_483_647);
  arg.text('evidenceMime', evidenceMime, 1, 256);
  const user = await mustGet<UserRecord>(ctx, key.user(userId), `User ${userId}`);
  if (user.kycStatus === 'APPROVED') throw new ChaincodeError(`KYC of user ${userId} is already approved`);
  if (await ctx.getState(key.kyc(kycId))) throw new ChaincodeError(`KYC record ${kycId} already exists`);
  await ctx.putJson(key.kyc(kycId), { kycId, userId, evidenceHash, evidenceSize: size, evidenceMime, status: 'PENDING', submittedAt: now(ctx) });
  user.kycStatus = 'PENDING';
  await ctx.putJson(key.user(userId), user);
  emit(ctx, 'KYCSubmitted', { userId, kycId, evidenceHash, evidenceSize: size, evidenceMime });
}

export const IdentityContract: ContractDef = {
  name: 'IdentityContract',
  functions: {
    CreateUser: tx(['userId', 'biometricHash', 'nationality', 'age'], createUser),
    UpdateUserProfile: tx(['userId', 'changesJson'], updateUserProfile),
    SubmitKYC: tx(['userId', 'kycId', 'evidenceHash', 'evidenceSize', 'evidenceMime'], submitKyc),
    GetUser: tx(['userId'], (ctx, userId) => mustGet<UserRecord>(ctx, key.user(arg.id('userId', userId)), `User ${userId}`)),
    UserExists: tx(['userId'], async (ctx, userId) => String((await ctx.getState(key.user(arg.id('userId', userId)))) !== undefined)),
  },
};
