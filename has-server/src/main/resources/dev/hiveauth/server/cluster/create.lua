-- Stores a new request and forwards it to every node watching its account, in one step: a request is never kept
-- without having been offered to the wallets registered at that moment. Safe to run twice (a client may resend it).
-- KEYS[1] the request's hash, KEYS[2] the account's waiting set
-- ARGV: uuid, family, expire, forwarded frame, app node, app connection, ttl ms, now, account channel, message head,
-- generation (0, or how many times its node made it again after Redis lost it)
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'fam', ARGV[2], 'exp', ARGV[3], 'fwd', ARGV[4], 'an', ARGV[5], 'ac', ARGV[6], 'st', 'p',
  'gen', ARGV[11])
redis.call('PEXPIRE', KEYS[1], ARGV[7])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[8])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
if redis.call('PTTL', KEYS[2]) < tonumber(ARGV[7]) then
  redis.call('PEXPIRE', KEYS[2], ARGV[7])
end
redis.call('PUBLISH', ARGV[9], ARGV[10] .. ARGV[4])
return 1
