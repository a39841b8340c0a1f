"""Ground truth for heapq.test.ts: CPython 3.11 heapq on the same operation lists; prints
[outcome, value, heap-after] per operation. Tuples are shown as lists."""
import heapq, json
def run(ops):
    h=[]; out=[]
    for op in ops:
        try:
            if op[0]=='push':
                heapq.heappush(h, tuple(op[1]) if isinstance(op[1], list) else op[1]); out.append(['ok', None])
            else:
                v=heapq.heappop(h); out.append(['ok', list(v) if isinstance(v, tuple) else v])
        except TypeError as e:
            out.append(['TypeError', str(e)])
        except IndexError as e:
            out.append(['IndexError', str(e)])
        out[-1].append([list(x) if isinstance(x, tuple) else x for x in h])
    return out
ops1=[['push',5],['push',3],['push',8],['push',1],['push',9],['push',2],['push',7],['push',3],['pop'],['pop'],['push',0],['pop'],['pop'],['pop'],['pop'],['pop'],['pop'],['pop']]
ops2=[['push',[2,'b']],['push',[1,'a']],['push',[3,'c']],['push',[0,'z']],['push',[1,5]],['pop'],['pop'],['pop'],['pop'],['pop']]
ops3=[['push',1],['push',2],['push',3],['push','x'],['pop'],['pop'],['pop']]
print(json.dumps(run(ops1)))
print(json.dumps(run(ops2)))
print(json.dumps(run(ops3)))
