-- The first accepted reply wins: records it, stops offering the request to wallets, and sends the reply to the node
-- of the APP connection bound to the request. The same claim run again (same token) wins again without a second send.
-- KEYS[1] the request's hash, KEYS[2] the account's waiting set
-- ARGV: uuid, family, reply frame, token, now, keep until, ttl ms, inbox channel prefix, this node
local h = redis.call('HMGET', KEYS[1], 'fam', 'exp', 'st', 'win', 'an', 'ac')
if not h[1] then
  return {'EXPIRED'}
end
if h[1] ~= ARGV[2] then
  return {'WRONG_FAMILY'}
end
if h[3] == 'a' then
  if h[4] == ARGV[4] then
    return {'WON'}
  end
  return {'ALREADY_ANSWERED'}
end
if h[3] ~= 'p' or tonumber(h[2]) <= tonumber(ARGV[5]) then
  return {'EXPIRED'}
end
redis.call('HSET', KEYS[1], 'st', 'a', 'rep', ARGV[3], 'win', ARGV[4], 'ku', ARGV[6])
redis.call('HDEL', KEYS[1], 'fwd')
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('ZREM', KEYS[2], ARGV[1])
redis.call('PUBLISH', ARGV[8] .. h[5], 'R' .. ARGV[9] .. '\n' .. ARGV[1] .. '\n' .. h[6] .. '\n' .. ARGV[3])
return {'WON'}
