#!/bin/sh
# The example stack's verify check, in the task format (docs/Harbor-Tasks.md): `harbor verify` runs it in a
# throwaway container of the hello service, on the stack's network (services answer by name), and reads the
# reward it writes. Half the reward for each service that answers as it should.
score=0
if busybox timeout 5 busybox wget -q -O - http://hello/ | grep -q '<html'; then
  echo "hello: serves its page"; score=$((score + 1))
else
  echo "hello: no page at http://hello/"
fi
greeting=$(busybox timeout 5 busybox wget -q -O - http://greeter/)
if [ -n "$greeting" ]; then
  echo "greeter: answers \"$greeting\""; score=$((score + 1))
else
  echo "greeter: no answer at http://greeter/"
fi
case $score in
  2) echo 1 ;;
  1) echo 0.5 ;;
  *) echo 0 ;;
esac > /logs/verifier/reward.txt
