-- The account's requests still waiting for a wallet, oldest first, as uuid, family, expire, generation, frame in a row; then a
-- marker to the asking node, which reaches it after every forward published before this ran.
-- KEYS[1] the account's waiting set; ARGV: now, request key prefix, inbox channel, marker
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local out = {}
for _, uuid in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
  local r = redis.call('HMGET', ARGV[2] .. uuid, 'st', 'fam', 'exp', 'gen', 'fwd')
  if r[1] == 'p' and r[5] then
    out[#out + 1] = uuid
    out[#out + 1] = r[2]
    out[#out + 1] = r[3]
    out[#out + 1] = r[4] or '0'
    out[#out + 1] = r[5]
  end
end
redis.call('PUBLISH', ARGV[3], ARGV[4])
return out
