"""Common given names by gender: weak evidence for a person's gender (coreference, namesakes)."""

from __future__ import annotations

from typing import Literal

Gender = Literal["m", "f"]


def words(s: str) -> frozenset[str]:
    return frozenset(s.split())


# Common given names (English and names frequent in international news); weak evidence,
# outvoted by titles and by the pronouns the text itself uses.
FEMALE_NAMES = words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty
    margaret sandra ashley kimberly emily donna michelle carol amanda melissa deborah stephanie
    rebecca laura sharon cynthia kathleen amy angela shirley anna brenda pamela nicole emma
    samantha katherine christine debra rachel catherine carolyn janet ruth maria heather diane
    virginia julie joyce victoria olivia kelly christina lauren joan evelyn judith megan cheryl
    andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice jean alice
    madison doris abigail julia judy grace denise amber marilyn beverly danielle theresa sophia
    marie diana brittany natalie isabella charlotte rose alexis kayla hillary kamala ursula
    giorgia kaja annalena marine ylva mette sanna jacinda julianne juliane julianna
    yulia yuliia olena oksana iryna natalia tatiana svetlana irina olga elena valentina liz
    kristi nikki
    tulsi marjorie
    """
)
MALE_NAMES = words(
    """
    james robert john michael david william richard joseph thomas charles christopher daniel
    matthew anthony mark donald steven paul andrew joshua kenneth kevin brian george timothy
    ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan stephen larry justin
    scott brandon benjamin samuel gregory alexander frank patrick raymond jack dennis jerry
    tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah jeremy
    christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse
    jordan bryan billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy
    vincent ralph eugene russell bobby mason philip louis barack vladimir volodymyr oleksii olaf
    emmanuel boris keir rishi viktor recep sergei sergey dmitry dmitri mikhail alexei alexey
    andriy andrii dmytro mykhailo vitali vitaliy petro yuriy yuri jens antony lloyd jake mike xi
    narendra friedrich pedro giorgio mateusz andrzej kim jeff harry
    stefano tom
    """
)


def given_gender(given: str) -> Gender | None:
    """'m' or 'f' for a lower-case given name on one list only; None when unknown."""
    if given in FEMALE_NAMES and given not in MALE_NAMES:
        return "f"
    if given in MALE_NAMES and given not in FEMALE_NAMES:
        return "m"
    return None
