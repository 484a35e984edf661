"""Which of two things a teacher's move is, said where a document moves teachers (brief hwords6
3, review rv15 10: surplus teachers sent from 乡镇 schools to 城区 ones under 县管校聘 were said in
words a reader took for 交流轮岗, the rotation that sends teachers the other way for some years).

* **县管校聘调配** — a change of post: the county holds the 编制 and the posts and moves them
  where the pupils are; the teacher takes the new post for good and does not go back (撤并随迁,
  保留学校间调配, 县管校聘同学段调剂, 小学富余教师转任初中; :mod:`.compliance_redeploy`,
  :mod:`.staffing_ledger`). The seeds say it as 孟津区's 「深化“县管校聘”改革,激发教师教学积极性」,
  洛阳市教育局's 「持续深化“县管校聘”、校长职级制、质量评价等项改革」 and 中牟县's 「统筹调整学校编制和
  岗位设置,确保“人、编、岗”一致」 (the post goes with the person and the 编制).
* **交流轮岗** — a rotation: for its term the teacher teaches at another school, typically 城镇 →
  乡村, keeps the 编制 of the own school and returns (:mod:`.compliance_rotation`,
  :mod:`.rotation_cover`). The seeds say it as 中牟县's 「制定县域内校长、教师交流轮岗办法,常态化开展
  城乡教师交流轮岗、送课下乡活动。确保每年交流轮岗教师比例不低于符合交流条件教师总数的10%,其中骨干
  教师占比不低于20%」 (the 评估's 交流轮岗 indicators count these teachers, not the 调配).
"""

from __future__ import annotations

#: a 县管校聘调配 in a clause: the post moves with the pupils, the teacher stays in it
POST_CHANGE = "岗位随学生调整，调往新岗位长期任教，不回原校"
#: a 交流轮岗 in a clause: the 编制 stays home, the teacher comes back
ROTATION = "编制留在原校，期满返回"


def posts_not_rotation(what: str = "以上") -> str:
    """The sentence after a list of moves: they are 县管校聘调配, not 交流轮岗.

    >>> posts_not_rotation()
    '以上均为县管校聘调配（岗位随学生调整，调往新岗位长期任教，不回原校），不是交流轮岗（编制留在原校，期满返回）。'
    """
    return f"{what}均为县管校聘调配（{POST_CHANGE}），不是交流轮岗（{ROTATION}）。"


__all__ = ["POST_CHANGE", "ROTATION", "posts_not_rotation"]
