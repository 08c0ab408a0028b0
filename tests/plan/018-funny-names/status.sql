-- db My Folder	%x
INSERT INTO status VALUES(1,'S',0,'');
